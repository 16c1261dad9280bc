package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.ProcessRunner;

/** Entry point of nginx-rewriter.jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(
        new NginxRewriterTool(
                System.in, System.out, System.err, System.getenv(), ProcessRunner.local())
            .run(args));
  }
}
