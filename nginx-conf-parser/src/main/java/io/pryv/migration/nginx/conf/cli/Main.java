package io.pryv.migration.nginx.conf.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolVersion;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The parser's commands on their own ({@code java -cp ... Main parse FILE}); the toolkit ships them inside
 * {@code nginx-rewriter.jar}, whose main hands {@code parse}, {@code build} and {@code lex} to
 * {@link ParserCommands}.
 */
public final class Main {
  private static final String TOOL = "nginx-conf-parser";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println("usage: " + TOOL + " {parse,build,lex} ... (see " + TOOL + " COMMAND --help)");
      return args.length == 0 ? ExitCode.USAGE.code() : ExitCode.OK.code();
    }
    if (args[0].equals("--version")) {
      System.out.println(TOOL + " " + ToolVersion.of(Main.class));
      return ExitCode.OK.code();
    }
    return new ParserCommands(TOOL, System.in, System.out, System.err, Path.of(""))
        .run(args[0], Arrays.copyOfRange(args, 1, args.length));
  }
}
