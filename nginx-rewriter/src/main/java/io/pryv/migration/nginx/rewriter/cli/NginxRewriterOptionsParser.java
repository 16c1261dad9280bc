package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.SharedOptions;
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
 * commons-cli → {@link NginxRewriterOptions}: finds the verb wherever it stands among the options,
 * then parses the options of that verb; every problem is a usage error (exit 2). parse, build and
 * lex keep crossplane's own options: their arguments are handed on as they are.
 */
final class NginxRewriterOptionsParser {
  static final int DEFAULT_PORT = 443;
  static final int DEFAULT_RETRY_AFTER = 60;
  static final int MAX_RETRY_AFTER = 86_400;

  /** -V was this tool's own short spelling; every tool of the toolkit says --version. */
  static final String DEPRECATED_V =
      "-V is deprecated and will be removed in the next release: use --version";

  private NginxRewriterOptionsParser() {}

  static NginxRewriterOptions parse(String[] args) {
    CommandLineParsing.VerbLine line = CommandLineParsing.splitVerb(args, allOptions());
    String[] rest = line.arguments();
    if (line.verb().isEmpty() || line.verb().get().equals("help")) {
      if (line.verb().isPresent() && rest.length == 1 && !rest[0].startsWith("-")) {
        // help VERB: the verb's own page
        return parse(new String[] {rest[0], "--help"});
      }
      if (line.has("--version") || line.has("-V")) {
        return NginxRewriterOptions.versionOnly(
            line.has("--version") ? List.of() : List.of(DEPRECATED_V));
      }
      boolean asked = line.verb().isPresent() || line.has("--help") || line.has("-h");
      if (!asked && rest.length > 0) {
        CommandLineParsing.parse(allOptions(), rest); // an unknown option is named
        throw ToolException.usage(
            "a command is required: " + NginxRewriterVerb.list() + " (see --help)");
      }
      return NginxRewriterOptions.overview(asked ? ExitCode.OK : ExitCode.USAGE);
    }
    String word = line.verb().get();
    if (word.equals("version")) {
      return NginxRewriterOptions.versionOnly(List.of());
    }
    NginxRewriterVerb verb =
        NginxRewriterVerb.named(word)
            .orElseThrow(
                () ->
                    ToolException.usage(
                        "unknown command '"
                            + word
                            + "': expected "
                            + NginxRewriterVerb.list()
                            + " (see --help)"));
    if (verb.crossplane()) {
      return NginxRewriterOptions.crossplane(verb, Arrays.asList(rest));
    }
    return parse(verb, rest);
  }

  /** The options after the verb of redirect, rollback, freeze, unfreeze or status. */
  static NginxRewriterOptions parse(NginxRewriterVerb verb, String[] args) {
    CommandLine line = CommandLineParsing.parse(options(verb), args);
    if (line.hasOption("help")) {
      return NginxRewriterOptions.help(verb);
    }
    if (line.hasOption("version")) {
      return NginxRewriterOptions.versionOnly(List.of());
    }
    Path file = file(verb, line.getArgList());
    boolean redirect = verb == NginxRewriterVerb.REDIRECT;
    return new NginxRewriterOptions(
        false,
        false,
        ExitCode.OK,
        verb,
        file,
        redirect ? target(line) : null,
        redirect ? only(line) : Optional.empty(),
        line.hasOption("unfreeze"),
        retryAfter(line),
        line.hasOption("dry-run"),
        verb.writes() ? nginxTest(line) : NginxTest.OFF,
        line.hasOption("json"),
        List.of(),
        List.of());
  }

  /** Every option of every verb, to find the verb wherever it stands among them. */
  static Options allOptions() {
    Options all = new Options();
    for (NginxRewriterVerb verb : NginxRewriterVerb.values()) {
      if (!verb.crossplane()) {
        options(verb).getOptions().forEach(all::addOption);
      }
    }
    all.addOption(Option.builder("V").longOpt("version").desc("print the version").get());
    // -V: deprecated, said by parse()
    return all;
  }

  /** The options of one verb: its own, then those every tool shares. */
  static Options options(NginxRewriterVerb verb) {
    Options options = new Options();
    if (verb == NginxRewriterVerb.REDIRECT) {
      options.addOption(
          value(
              "to",
              "HOST[:PORT]",
              "where every upstream goes: IPv4, [IPv6] or host name; port "
                  + DEFAULT_PORT
                  + " by default"));
      options.addOption(
          value(
              "only",
              "NAME,NAME",
              "redirect only these upstreams (comma-separated); default: all of them"));
      options.addOption(
          Option.builder()
              .longOpt("unfreeze")
              .desc(
                  "also lift a freeze (the lines freeze wrote), in the same write; a file that is"
                      + " not frozen gets a plain redirect")
              .get());
    }
    if (verb == NginxRewriterVerb.FREEZE) {
      options.addOption(
          value(
              "retry-after",
              "SECONDS",
              "the Retry-After of refused writes, 1 to "
                  + MAX_RETRY_AFTER
                  + " (default "
                  + DEFAULT_RETRY_AFTER
                  + ")"));
    }
    if (verb.writes()) {
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
          value(
              "nginx",
              "PATH",
              "the nginx program for --nginx-test (default: nginx on PATH or in /usr/sbin)"));
    }
    return SharedOptions.addTo(options, true);
  }

  private static Option value(String name, String arg, String description) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(description).get();
  }

  private static Path file(NginxRewriterVerb verb, List<String> arguments) {
    if (arguments.size() != 1) {
      throw ToolException.usage(
          verb.word()
              + " takes exactly one FILE (the site file, e.g. site-443.conf), got "
              + (arguments.isEmpty() ? "none" : String.join(" ", arguments))
              + " (see "
              + verb.word()
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
    for (String name : value.split(",")) {
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

  private static int retryAfter(CommandLine line) {
    int retryAfter = CommandLineParsing.intValue(line, "retry-after", DEFAULT_RETRY_AFTER);
    if (retryAfter < 1 || retryAfter > MAX_RETRY_AFTER) {
      throw ToolException.usage(
          "--retry-after takes seconds from 1 to " + MAX_RETRY_AFTER + ", not " + retryAfter);
    }
    return retryAfter;
  }

  private static NginxTest nginxTest(CommandLine line) {
    if (line.hasOption("nginx") && !line.hasOption("nginx-test")) {
      throw ToolException.usage("--nginx only makes sense with --nginx-test");
    }
    return new NginxTest(line.hasOption("nginx-test"), line.getOptionValue("nginx"));
  }
}
