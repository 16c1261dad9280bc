package io.pryv.migration.nginx.conf.command;

import io.pryv.migration.nginx.conf.cli.ParserCommands;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The entry points {@code nginx-rewriter} hands its {@code parse}, {@code build} and {@code lex} verbs to: the
 * arguments after the verb, the process's streams; returns the exit code. Relative names are the current
 * folder's, errors are reported as {@code nginx-rewriter: error: ...}.
 */
public final class CrossplaneCommands {
  private static final String TOOL = "nginx-rewriter";

  private CrossplaneCommands() {}

  public static int parse(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return commands(in, out, err).run("parse", args);
  }

  public static int build(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return commands(in, out, err).run("build", args);
  }

  public static int lex(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return commands(in, out, err).run("lex", args);
  }

  private static ParserCommands commands(InputStream in, PrintStream out, PrintStream err) {
    return new ParserCommands(TOOL, in, out, err, Path.of(""));
  }
}
