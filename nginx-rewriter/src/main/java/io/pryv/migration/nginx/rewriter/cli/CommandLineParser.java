package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Turns the arguments of {@code redirect}, {@code rollback} and {@code status} into a {@link
 * Command}.
 */
final class CommandLineParser {
  static final int DEFAULT_PORT = 443;

  private CommandLineParser() {}

  static Command parse(String verb, String[] args) {
    Options options = options(verb);
    CommandLine line = CommandLineParsing.parse(options, args);
    if (line.hasOption("help")) {
      return new Command.ShowText(HelpTexts.of(verb, options));
    }
    Path file = file(verb, line.getArgList());
    boolean json = line.hasOption("json");
    return switch (verb) {
      case "redirect" ->
          new Command.Redirect(
              file, target(line), only(line), line.hasOption("dry-run"), nginxTest(line), json);
      case "rollback" ->
          new Command.Rollback(file, line.hasOption("dry-run"), nginxTest(line), json);
      case "status" -> new Command.Status(file, json);
      default -> throw new IllegalArgumentException(verb);
    };
  }

  /** Every option of every command, to find the command word wherever it stands among them. */
  static Options allOptions() {
    Options all = new Options();
    for (String verb : List.of("redirect", "rollback", "status")) {
      options(verb).getOptions().forEach(all::addOption);
    }
    FreezeOptionsParser.options("freeze").getOptions().forEach(all::addOption);
    all.addOption(Option.builder("V").longOpt("version").desc("print the version").get());
    return all;
  }

  static Options options(String verb) {
    Options options = new Options();
    if (verb.equals("redirect")) {
      options.addOption(
          Option.builder()
              .longOpt("to")
              .hasArg()
              .argName("HOST[:PORT]")
              .desc(
                  "where every upstream goes: IPv4, [IPv6] or host name; port "
                      + DEFAULT_PORT
                      + " by default")
              .get());
      options.addOption(
          Option.builder()
              .longOpt("only")
              .hasArg()
              .argName("NAME,NAME")
              .desc("redirect only these upstreams (comma-separated); default: all of them")
              .get());
    }
    if (!verb.equals("status")) {
      addWriteOptions(options);
    }
    addOutputOptions(options);
    return options;
  }

  /** The options of every verb that writes the site files: --dry-run, --nginx-test, --nginx. */
  static void addWriteOptions(Options options) {
    options.addOption(
        Option.builder("n")
            .longOpt("dry-run")
            .desc("print the unified diff of what would change; write nothing")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("nginx-test")
            .desc(
                "run nginx -t on the result (in a temp folder, before writing); nothing is written if it fails")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("nginx")
            .hasArg()
            .argName("PATH")
            .desc("the nginx program for --nginx-test (default: nginx on PATH or in /usr/sbin)")
            .get());
  }

  /** The options of every verb: --json, --verbose, --help. */
  static void addOutputOptions(Options options) {
    options.addOption(
        Option.builder().longOpt("json").desc("print one JSON document instead of text").get());
    options.addOption(
        Option.builder().longOpt("verbose").desc("print stack traces of errors").get());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
  }

  private static Path file(String verb, List<String> arguments) {
    if (arguments.size() != 1) {
      throw ToolException.usage(
          verb
              + " takes exactly one FILE (the site file, e.g. site-443.conf), got "
              + (arguments.isEmpty() ? "none" : String.join(" ", arguments))
              + " (see "
              + verb
              + " --help)");
    }
    return Path.of(arguments.get(0));
  }

  private static HostAndPort target(CommandLine line) {
    String to = line.getOptionValue("to");
    if (to == null) {
      throw ToolException.usage(
          "redirect needs --to HOST[:PORT], the new core (see redirect --help)");
    }
    return HostAndPort.parse(to, DEFAULT_PORT);
  }

  private static Optional<List<String>> only(CommandLine line) {
    String value = line.getOptionValue("only");
    if (value == null) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (String name : Arrays.asList(value.split(","))) {
      String trimmed = name.strip();
      if (!trimmed.isEmpty()) {
        names.add(trimmed);
      }
    }
    if (names.isEmpty()) {
      throw ToolException.usage("--only needs at least one upstream name");
    }
    return Optional.of(List.copyOf(names));
  }

  private static Command.NginxTest nginxTest(CommandLine line) {
    if (line.hasOption("nginx") && !line.hasOption("nginx-test")) {
      throw ToolException.usage("--nginx only makes sense with --nginx-test");
    }
    return new Command.NginxTest(line.hasOption("nginx-test"), line.getOptionValue("nginx"));
  }
}
