package io.pryv.migration.verify.cli;

import java.time.Clock;

/** Wires the process streams into {@link VerifyTool}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(
        new VerifyTool(
                System.out,
                System.err,
                System.getenv(),
                Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()))
            .run(args));
  }
}
