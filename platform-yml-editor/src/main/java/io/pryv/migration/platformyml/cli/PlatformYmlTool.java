package io.pryv.migration.platformyml.cli;

import io.pryv.migration.common.CommandBoundary;
import io.pryv.migration.common.ToolVersion;
import io.pryv.migration.platformyml.command.Commands;
import java.io.PrintStream;

/** The whole tool behind {@code main}: parse, run, report errors once, return the exit code. */
public final class PlatformYmlTool {
  private final PrintStream out;
  private final PrintStream err;

  public PlatformYmlTool(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(String[] args) {
    return CommandBoundary.run(
        ArgumentsParser.TOOL,
        args,
        err,
        () -> {
          Invocation invocation = ArgumentsParser.parse(args);
          if (invocation instanceof Invocation.Help help) {
            out.print(help.text());
            return 0;
          }
          if (invocation instanceof Invocation.Version) {
            out.println(ArgumentsParser.TOOL + " " + ToolVersion.of(PlatformYmlTool.class));
            return 0;
          }
          int code = new Commands(out).run(((Invocation.Run) invocation).request());
          out.flush();
          return code;
        });
  }
}
