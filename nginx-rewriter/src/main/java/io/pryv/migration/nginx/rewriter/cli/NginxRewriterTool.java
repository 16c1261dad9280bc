package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.CommandBoundary;
import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.ToolVersion;
import io.pryv.migration.nginx.rewriter.crossplane.ParserCommands;
import io.pryv.migration.nginx.rewriter.freeze.FreezeState;
import io.pryv.migration.nginx.rewriter.freeze.Freezer;
import io.pryv.migration.nginx.rewriter.nginxtest.NginxSandbox;
import io.pryv.migration.nginx.rewriter.redirect.Rewriter;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The nginx-rewriter command: picks the verb, parses its options, runs it, prints the outcome. */
public final class NginxRewriterTool {
  static final String NAME = "nginx-rewriter";

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final ProcessRunner runner;

  public NginxRewriterTool(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      ProcessRunner runner) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.runner = runner;
  }

  public int run(String[] args) {
    CommandLineParsing.VerbLine line =
        CommandLineParsing.splitVerb(args, CommandLineParser.allOptions());
    String verb = line.verb().orElse("");
    String[] rest = line.arguments();
    if (verb.equals("parse") || verb.equals("build") || verb.equals("lex")) {
      // relative names are the current folder's, as in crossplane
      return new ParserCommands(NAME, in, out, err, Path.of("")).run(verb, rest);
    }
    return CommandBoundary.run(NAME, args, err, () -> dispatch(line));
  }

  private int dispatch(CommandLineParsing.VerbLine line) throws Exception {
    String[] rest = line.arguments();
    if (line.verb().isEmpty() || line.verb().get().equals("help")) {
      if (line.verb().isPresent() && rest.length == 1 && !rest[0].startsWith("-")) {
        return dispatch(
            new CommandLineParsing.VerbLine(Optional.of(rest[0]), new String[] {"--help"}));
      }
      if (line.has("--version") || line.has("-V")) {
        out.println(NAME + " " + ToolVersion.of(NginxRewriterTool.class));
        return ExitCode.OK.code();
      }
      boolean asked = line.verb().isPresent() || line.has("--help") || line.has("-h");
      if (!asked && rest.length > 0) {
        CommandLineParsing.parse(
            CommandLineParser.allOptions(), rest); // an unknown option is named
        throw ToolException.usage(
            "a command is required: redirect, rollback, freeze, unfreeze, status, parse, build or lex"
                + " (see --help)");
      }
      out.print(HelpTexts.global());
      return asked ? ExitCode.OK.code() : ExitCode.USAGE.code();
    }
    String verb = line.verb().get();
    if (verb.equals("version")) {
      out.println(NAME + " " + ToolVersion.of(NginxRewriterTool.class));
      return ExitCode.OK.code();
    }
    if (FreezeCommand.VERBS.contains(verb)) {
      return new FreezeCommand(out, err, environment, runner).run(verb, rest);
    }
    if (!verb.equals("redirect") && !verb.equals("rollback") && !verb.equals("status")) {
      throw ToolException.usage(
          "unknown command '"
              + verb
              + "': expected redirect, rollback, freeze, unfreeze, status, parse, build or lex (see --help)");
    }
    Command command = CommandLineParser.parse(verb, rest);
    ReportPrinter printer = new ReportPrinter(out, err);
    if (command instanceof Command.ShowText text) {
      out.print(text.text());
      return ExitCode.OK.code();
    }
    if (command instanceof Command.Redirect redirect) {
      Rewriter.Outcome outcome =
          rewriter(redirect.nginxTest())
              .redirect(redirect.file(), redirect.target(), redirect.only(), redirect.dryRun());
      print(redirect.json(), outcome, () -> printer.redirect(outcome));
      return ExitCode.OK.code();
    }
    if (command instanceof Command.Rollback rollback) {
      Rewriter.Outcome outcome =
          rewriter(rollback.nginxTest()).rollback(rollback.file(), rollback.dryRun());
      print(rollback.json(), outcome, () -> printer.rollback(outcome));
      return ExitCode.OK.code();
    }
    Command.Status status = (Command.Status) command;
    Rewriter.Status state = new Rewriter(Optional.empty()).status(status.file());
    FreezeState frozen = new Freezer(Optional.empty()).state(status.file());
    print(
        status.json(),
        FreezePrinter.statusJson(state, frozen),
        () -> {
          printer.status(state);
          new FreezePrinter(out, err).status(frozen);
        });
    return state.redirected() ? ExitCode.OK.code() : ExitCode.DIFFERENCE.code();
  }

  private void print(boolean json, Object report, Runnable text) {
    if (json) {
      JsonOutput.write(report, out);
    } else {
      text.run();
    }
    out.flush();
  }

  private Rewriter rewriter(Command.NginxTest test) {
    if (!test.enabled()) {
      return new Rewriter(Optional.empty());
    }
    return new Rewriter(
        Optional.of(new NginxSandbox(NginxSandbox.locate(test.program(), environment), runner)));
  }
}
