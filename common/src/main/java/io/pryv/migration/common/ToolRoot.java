package io.pryv.migration.common;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The root of a tool's command line (after jib-cli): parses, answers {@code --help} (the text lists
 * the verbs) and {@code --version}, prints the parser's warnings (deprecated spellings) on stderr,
 * runs one verb and prints its report as text or as one JSON document. Errors are reported once, by
 * {@link CommandBoundary}.
 */
public final class ToolRoot {

  /** What every parsed command line says besides its verb's own options. */
  public interface Parsed {
    boolean help();

    boolean version();

    /** One line each, printed as {@code TOOL: warning: LINE}. */
    List<String> warnings();

    /**
     * The exit code after the help: 0 when it was asked for; a tool that prints its help for a
     * command line naming no verb says 2 (usage) here.
     */
    default ExitCode helpExitCode() {
      return ExitCode.OK;
    }
  }

  /** Command line → options record. */
  @FunctionalInterface
  public interface Parser<O> {
    O parse(String[] args) throws Exception;
  }

  /** Runs the verb the options name; returns the exit code. */
  @FunctionalInterface
  public interface Dispatch<O> {
    int run(O options) throws Exception;
  }

  /**
   * A report as text for people; {@code --json} prints the report record itself unless overridden.
   */
  @FunctionalInterface
  public interface TextPrinter<R> {
    void text(R report, PrintStream out) throws IOException;

    default void json(R report, PrintStream out) throws IOException {
      JsonOutput.write(report, out);
    }
  }

  private final String name;
  private final Class<?> versioned;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * @param versioned a class of the tool's jar, whose manifest gives the version
   */
  public ToolRoot(String name, Class<?> versioned, PrintStream out, PrintStream err) {
    this.name = name;
    this.versioned = versioned;
    this.out = out;
    this.err = err;
  }

  public String name() {
    return name;
  }

  public <O extends Parsed> int run(
      String[] args, Parser<O> parser, Supplier<String> help, Dispatch<O> dispatch) {
    return runWithHelpOf(args, parser, options -> help.get(), dispatch);
  }

  /**
   * As {@link #run}, for a tool whose help depends on the command line ({@code TOOL VERB --help}
   * prints the verb's own page).
   */
  public <O extends Parsed> int runWithHelpOf(
      String[] args, Parser<O> parser, Function<O, String> help, Dispatch<O> dispatch) {
    return CommandBoundary.run(
        name,
        args,
        err,
        () -> {
          O options = parser.parse(args);
          // before the help and the version too: a deprecated spelling of --version is said
          options.warnings().forEach(this::warn);
          if (options.help()) {
            out.print(help.apply(options));
            out.flush();
            return options.helpExitCode().code();
          }
          if (options.version()) {
            out.println(name + " " + ToolVersion.of(versioned));
            return ExitCode.OK.code();
          }
          return dispatch.run(options);
        });
  }

  /** {@code TOOL: warning: LINE} on stderr. */
  public void warn(String line) {
    err.println(name + ": warning: " + line);
  }

  /** Prints the report (JSON or text) and returns its exit code. */
  public <R extends VerbReport> int print(R report, boolean json, TextPrinter<R> printer)
      throws IOException {
    if (json) {
      printer.json(report, out);
    } else {
      printer.text(report, out);
    }
    out.flush();
    return report.exitCode().code();
  }
}
