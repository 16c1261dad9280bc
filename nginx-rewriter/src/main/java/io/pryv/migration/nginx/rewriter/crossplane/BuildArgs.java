package io.pryv.migration.nginx.rewriter.crossplane;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ToolException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The options of {@code build}, crossplane's flags. */
public record BuildArgs(
    String file,
    String dir,
    boolean force,
    int indent,
    boolean tabs,
    boolean header,
    boolean stdout,
    boolean verbose,
    boolean help) {

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder("d")
            .longOpt("dir")
            .hasArg()
            .argName("PATH")
            .desc("the folder relative \"file\" names are built in (default: the current folder)")
            .get());
    options.addOption(
        Option.builder("f").longOpt("force").desc("overwrite existing files without asking").get());
    options.addOption(
        Option.builder("i")
            .longOpt("indent")
            .hasArg()
            .argName("NUM")
            .desc("indent by NUM spaces (default 4)")
            .get());
    options.addOption(
        Option.builder("t").longOpt("tabs").desc("indent with tabs instead of spaces").get());
    options.addOption(
        Option.builder().longOpt("no-headers").desc("do not write the header comment").get());
    options.addOption(
        Option.builder()
            .longOpt("stdout")
            .desc("print the configs (each after a '# PATH' line) instead of writing files")
            .get());
    options.addOption(
        Option.builder("v")
            .longOpt("verbose")
            .desc("print the path of each file written (and stack traces of errors)")
            .get());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return options;
  }

  public static BuildArgs from(String[] args) {
    CommandLine line = CommandLineParsing.parse(options(), args);
    if (line.hasOption("help")) {
      return new BuildArgs(null, null, false, 4, false, true, false, false, true);
    }
    if (line.hasOption("indent") && line.hasOption("tabs")) {
      throw ToolException.usage("--indent and --tabs cannot be used together");
    }
    int indent = CommandLineParsing.intValue(line, "indent", 4);
    if (indent < 0) {
      throw ToolException.usage("--indent takes a number of spaces >= 0, not " + indent);
    }
    return new BuildArgs(
        ParseArgs.single(line.getArgList(), "build"),
        line.getOptionValue("dir"),
        line.hasOption("force"),
        indent,
        line.hasOption("tabs"),
        !line.hasOption("no-headers"),
        line.hasOption("stdout"),
        line.hasOption("verbose"),
        false);
  }

  static String help(String tool) {
    return CommandLineParsing.help(
        tool + " build PAYLOAD.json [options]",
        "Builds nginx config files from a JSON payload made by parse (or by crossplane): one file per\n"
            + "\"config\" entry, named by its \"file\" field. Existing files are only replaced after a yes\n"
            + "(or with --force); each file is written atomically.",
        options(),
        "Examples:\n"
            + "  "
            + tool
            + " build site.json --stdout --no-headers\n"
            + "  "
            + tool
            + " build site.json --dir /tmp/rebuilt --force --tabs");
  }
}
