package io.pryv.migration.dockerops.cli;

import java.time.Clock;

/** Wires the process streams and environment into the tool; nothing else. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(
        new DockerOpsTool(System.out, System.err, System.getenv(), Clock.systemUTC()).run(args));
  }
}
