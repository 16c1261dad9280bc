package io.pryv.migration.nginx.rewriter.crossplane;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ToolException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The options of {@code parse}, crossplane's flags. */
public record ParseArgs(
    String file,
    String out,
    Integer indent,
    Set<String> ignore,
    boolean catchErrors,
    boolean tracebacks,
    boolean combine,
    boolean single,
    boolean comments,
    boolean strict,
    boolean help) {

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
        Option.builder()
            .longOpt("ignore")
            .hasArg()
            .argName("DIRECTIVES")
            .desc("leave these directives (comma-separated) out of the payload")
            .get());
    options.addOption(
        Option.builder().longOpt("no-catch").desc("stop each file at its first error").get());
    options.addOption(
        Option.builder()
            .longOpt("tb-onerror")
            .desc("add a \"callback\" describing the exception to each payload error")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("combine")
            .desc("inline every include: one config in the payload")
            .get());
    options.addOption(Option.builder().longOpt("single-file").desc("do not follow includes").get());
    options.addOption(
        Option.builder()
            .longOpt("include-comments")
            .desc("keep comments in the payload (directive \"#\")")
            .get());
    options.addOption(
        Option.builder().longOpt("strict").desc("report unknown directives as errors").get());
    options.addOption(
        Option.builder().longOpt("verbose").desc("print stack traces of errors").get());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return options;
  }

  public static ParseArgs from(String[] args) {
    CommandLine line = CommandLineParsing.parse(options(), args);
    if (line.hasOption("help")) {
      return new ParseArgs(
          null, null, null, Set.of(), true, false, false, false, false, false, true);
    }
    String file = single(line.getArgList(), "parse");
    Integer indent =
        line.hasOption("indent") ? CommandLineParsing.intValue(line, "indent", 0) : null;
    Set<String> ignore = new LinkedHashSet<>();
    String ignored = line.getOptionValue("ignore", "");
    if (!ignored.isEmpty()) {
      ignore.addAll(Arrays.asList(ignored.split(",", -1)));
    }
    return new ParseArgs(
        file,
        line.getOptionValue("out"),
        indent,
        ignore,
        !line.hasOption("no-catch"),
        line.hasOption("tb-onerror"),
        line.hasOption("combine"),
        line.hasOption("single-file"),
        line.hasOption("include-comments"),
        line.hasOption("strict"),
        false);
  }

  static String single(List<String> positional, String command) {
    if (positional.size() != 1) {
      throw ToolException.usage(
          command + " takes exactly one FILE, got " + positional.size() + " (see --help)");
    }
    return positional.get(0);
  }

  static String help(String tool) {
    return CommandLineParsing.help(
        tool + " parse FILE [options]",
        "Parses an nginx config and the files it includes into crossplane's JSON payload (crossplane 0.5.7\n"
            + "compatible: same fields, same errors). Relative includes are found from FILE's folder.\n"
            + "Exit 0 when the payload was written, even if it reports errors (\"status\": \"failed\"), as\n"
            + "crossplane does.",
        options(),
        "Examples:\n"
            + "  "
            + tool
            + " parse /etc/nginx/nginx.conf --indent 2\n"
            + "  "
            + tool
            + " parse site-443.conf --single-file --include-comments -o site.json\n"
            + "  "
            + tool
            + " parse nginx.conf --combine --ignore ssl_certificate_key,auth_basic_user_file");
  }
}
