package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.nginx.rewriter.freeze.FreezeOutcome;
import io.pryv.migration.nginx.rewriter.freeze.Freezer;
import io.pryv.migration.nginx.rewriter.nginxtest.NginxSandbox;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The freeze and unfreeze verbs: parse their options, run them, print the outcome. */
final class FreezeCommand {
  static final Set<String> VERBS = Set.of("freeze", "unfreeze");

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final ProcessRunner runner;

  FreezeCommand(
      PrintStream out, PrintStream err, Map<String, String> environment, ProcessRunner runner) {
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.runner = runner;
  }

  int run(String verb, String[] args) throws Exception {
    FreezeOptions options = FreezeOptionsParser.parse(verb, args);
    if (options.help() != null) {
      out.print(options.help());
      return ExitCode.OK.code();
    }
    Freezer freezer =
        new Freezer(
            options.nginxTest().enabled()
                ? Optional.of(
                    new NginxSandbox(
                        NginxSandbox.locate(options.nginxTest().program(), environment), runner))
                : Optional.empty());
    FreezeOutcome outcome =
        verb.equals("freeze")
            ? freezer.freeze(options.file(), options.retryAfter(), options.dryRun())
            : freezer.unfreeze(options.file(), options.dryRun());
    if (options.json()) {
      JsonOutput.write(outcome, out);
    } else {
      new FreezePrinter(out, err).outcome(outcome);
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
