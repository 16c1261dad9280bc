package io.pryv.migration.standins.pryvcore.cli;

import io.pryv.migration.common.CommandBoundary;
import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.ToolVersion;
import io.pryv.migration.standins.pryvcore.CoreData;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;

/**
 * The pryvio_core stand-in as a program: serves the Pryv.io API from a data folder until stopped
 * (SIGTERM, as {@code docker stop} sends). Every write is saved in the folder before its answer, so
 * the folder can be copied to another machine and served there with the same accounts.
 */
public final class PryvCoreTool {
  static final String NAME = "pryv-core-stand-in";

  /**
   * Returned by {@link #run} when the core serves: the caller must not exit, the server threads
   * keep running.
   */
  public static final int SERVING = -1;

  private final PrintStream out;
  private final PrintStream err;

  public PryvCoreTool(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(String[] args) {
    return CommandBoundary.run(
        NAME,
        args,
        err,
        () -> {
          PryvCoreOptions options = PryvCoreOptionsParser.parse(args);
          if (options.help()) {
            out.print(
                CommandLineParsing.help(
                    NAME + " [--data DIR] [--listen HOST:PORT] [options]",
                    "Plays Pryv's pryvio_core for tests and rehearsals: the Pryv.io API over plain HTTP (nginx terminates"
                        + " TLS, as in Pryv's site-443.conf), from a data folder.",
                    PryvCoreOptionsParser.options(),
                    null));
            return ExitCode.OK.code();
          }
          if (options.showVersion()) {
            out.println(NAME + " " + ToolVersion.of(PryvCoreTool.class));
            return ExitCode.OK.code();
          }
          FakePryvServer core = start(options);
          Runtime.getRuntime().addShutdownHook(new Thread(core::close, NAME + "-stop"));
          out.println(
              NAME
                  + ": serving "
                  + core.accountCount()
                  + " account(s) "
                  + options.data().map(dir -> "from " + dir).orElse("in memory (nothing saved)")
                  + " on http://"
                  + options.listen().getHostString()
                  + ":"
                  + core.port()
                  + "/");
          out.flush();
          return SERVING;
        });
  }

  private static FakePryvServer start(PryvCoreOptions options) throws IOException {
    FakePryvServer core;
    try {
      core =
          options.data().isPresent()
              ? FakePryvServer.serving(
                  CoreData.open(options.data().get()), options.listen(), options.version())
              : FakePryvServer.http(
                  options.listen().getHostString(), options.listen().getPort(), options.version());
    } catch (BindException e) {
      throw ToolException.environment(
          "cannot listen on "
              + options.listen().getHostString()
              + ":"
              + options.listen().getPort()
              + ": "
              + e.getMessage());
    }
    core.seriesCoolDown(options.seriesCoolDown());
    options.publicUrl().ifPresent(core::publicUrl);
    return core;
  }
}
