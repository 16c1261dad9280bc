package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ToolException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Turns the arguments of {@code freeze} and {@code unfreeze} into {@link FreezeOptions}. */
final class FreezeOptionsParser {
  static final int DEFAULT_RETRY_AFTER = 60;
  static final int MAX_RETRY_AFTER = 86_400;

  private FreezeOptionsParser() {}

  static FreezeOptions parse(String verb, String[] args) {
    Options options = options(verb);
    CommandLine line = CommandLineParsing.parse(options, args);
    if (line.hasOption("help")) {
      return new FreezeOptions(verb, null, 0, false, null, false, FreezeHelp.of(verb, options));
    }
    List<String> arguments = line.getArgList();
    if (arguments.size() != 1) {
      throw ToolException.usage(
          verb
              + " takes exactly one FILE (the site file, e.g. site-443.conf), got "
              + (arguments.isEmpty() ? "none" : String.join(" ", arguments))
              + " (see "
              + verb
              + " --help)");
    }
    int retryAfter = CommandLineParsing.intValue(line, "retry-after", DEFAULT_RETRY_AFTER);
    if (retryAfter < 1 || retryAfter > MAX_RETRY_AFTER) {
      throw ToolException.usage(
          "--retry-after takes seconds from 1 to " + MAX_RETRY_AFTER + ", not " + retryAfter);
    }
    if (line.hasOption("nginx") && !line.hasOption("nginx-test")) {
      throw ToolException.usage("--nginx only makes sense with --nginx-test");
    }
    return new FreezeOptions(
        verb,
        Path.of(arguments.get(0)),
        retryAfter,
        line.hasOption("dry-run"),
        new Command.NginxTest(line.hasOption("nginx-test"), line.getOptionValue("nginx")),
        line.hasOption("json"),
        null);
  }

  static Options options(String verb) {
    Options options = new Options();
    if (verb.equals("freeze")) {
      options.addOption(
          Option.builder()
              .longOpt("retry-after")
              .hasArg()
              .argName("SECONDS")
              .desc(
                  "the Retry-After of refused writes, 1 to "
                      + MAX_RETRY_AFTER
                      + " (default "
                      + DEFAULT_RETRY_AFTER
                      + ")")
              .get());
    }
    CommandLineParser.addWriteOptions(options);
    CommandLineParser.addOutputOptions(options);
    return options;
  }
}
