package io.pryv.migration.nginx.rewriter.crossplane;

import io.pryv.migration.common.CommandLineParsing;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The options of {@code lex}, crossplane's flags. */
public record LexArgs(String file, String out, Integer indent, boolean lineNumbers, boolean help) {

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder("o")
            .longOpt("out")
            .hasArg()
            .argName("FILE")
            .desc("write the JSON to FILE instead of stdout")
            .get());
    options.addOption(
        Option.builder("i")
            .longOpt("indent")
            .hasArg()
            .argName("NUM")
            .desc("indent the JSON by NUM spaces (default: one line)")
            .get());
    options.addOption(
        Option.builder("n")
            .longOpt("line-numbers")
            .desc("print [token, line] pairs instead of tokens")
            .get());
    options.addOption(
        Option.builder().longOpt("verbose").desc("print stack traces of errors").get());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return options;
  }

  public static LexArgs from(String[] args) {
    CommandLine line = CommandLineParsing.parse(options(), args);
    if (line.hasOption("help")) {
      return new LexArgs(null, null, null, false, true);
    }
    Integer indent =
        line.hasOption("indent") ? CommandLineParsing.intValue(line, "indent", 0) : null;
    return new LexArgs(
        ParseArgs.single(line.getArgList(), "lex"),
        line.getOptionValue("out"),
        indent,
        line.hasOption("line-numbers"),
        false);
  }

  static String help(String tool) {
    return CommandLineParsing.help(
        tool + " lex FILE [options]",
        "Prints the tokens of one nginx config file as crossplane's lexer sees them (JSON list).\n"
            + "Unbalanced braces are an error (exit 3).",
        options(),
        "Examples:\n" + "  " + tool + " lex site-443.conf --line-numbers --indent 2");
  }
}
