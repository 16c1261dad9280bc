package io.pryv.migration.platformyml.cli;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.command.Request;
import io.pryv.migration.platformyml.path.YamlPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Parses {@code VERB [options] ARGS} into an {@link Invocation}; every problem is a usage error
 * (exit 2).
 */
public final class ArgumentsParser {
  static final String TOOL = "platform-yml-editor";
  private static final String CURRENT_IP_PATH =
      "vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value.hosting1.co1.ip";

  private ArgumentsParser() {}

  public static Invocation parse(String[] args) {
    CommandLineParsing.VerbLine line = CommandLineParsing.splitVerb(args, allOptions());
    String[] rest = line.arguments();
    if (line.verb().isEmpty()) {
      if (line.has("--help") || line.has("-h")) {
        return new Invocation.Help(ToolHelp.overview());
      }
      if (line.has("--version") || line.has("-V")) {
        return new Invocation.Version();
      }
      CommandLineParsing.parse(allOptions(), rest); // an unknown option is named
      throw ToolException.usage(
          "a command is required: get, set, list-cores or set-core-ip (see --help)");
    }
    String verb = line.verb().get();
    return switch (verb) {
      case "help" -> new Invocation.Help(ToolHelp.overview());
      case "get" -> get(rest);
      case "set" -> set(rest);
      case "list-cores" -> listCores(rest);
      case "set-core-ip" -> setCoreIp(rest);
      default ->
          throw ToolException.usage(
              "unknown command '"
                  + verb
                  + "'; expected get, set, list-cores or set-core-ip (see --help)");
    };
  }

  /** Every option of every command, to find the command word wherever it stands among them. */
  static Options allOptions() {
    Options all = setCoreIpOptions();
    all.addOption("V", "version", false, "print the version");
    return all;
  }

  static Options commonOptions() {
    Options options = new Options();
    options.addOption("h", "help", false, "show this help");
    options.addOption(null, "verbose", false, "print the stack trace of an error");
    options.addOption(null, "json", false, "print one JSON document instead of text");
    return options;
  }

  static Options writeOptions(Options options) {
    options.addOption("n", "dry-run", false, "print the unified diff, change nothing");
    options.addOption(
        Option.builder()
            .longOpt("expect")
            .hasArg()
            .argName("OLD")
            .desc("refuse (exit 1) unless the current value is exactly OLD")
            .get());
    options.addOption(null, "no-backup", false, "do not keep the previous content in FILE.bak");
    options.addOption(
        null,
        "follow-alias",
        false,
        "allow changing a value that has an anchor or is reached through an alias (changes every alias)");
    return options;
  }

  static Options getOptions() {
    return commonOptions();
  }

  static Options setOptions() {
    return writeOptions(commonOptions());
  }

  static Options listCoresOptions() {
    return commonOptions();
  }

  static Options setCoreIpOptions() {
    Options options = writeOptions(commonOptions());
    options.addOption(
        Option.builder().longOpt("core").hasArg().argName("NAME").desc("the core, e.g. co1").get());
    options.addOption(
        Option.builder()
            .longOpt("hosting")
            .hasArg()
            .argName("NAME")
            .desc("the hosting, needed only when the core name exists under several")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("ip")
            .hasArg()
            .argName("ADDRESS")
            .desc("the new IPv4 or IPv6 address")
            .get());
    options.addOption(null, "allow-hostname", false, "accept a DNS host name for --ip");
    return options;
  }

  private static Invocation get(String[] args) {
    CommandLine line = CommandLineParsing.parse(getOptions(), args);
    if (line.hasOption("help")) {
      return new Invocation.Help(ToolHelp.get());
    }
    List<String> positional = positional(line, 2, "get FILE PATH");
    return new Invocation.Run(
        new Request.Get(
            Path.of(positional.get(0)), YamlPath.parse(positional.get(1)), line.hasOption("json")));
  }

  private static Invocation set(String[] args) {
    CommandLine line = CommandLineParsing.parse(setOptions(), args);
    if (line.hasOption("help")) {
      return new Invocation.Help(ToolHelp.set());
    }
    List<String> positional = positional(line, 3, "set FILE PATH VALUE");
    return new Invocation.Run(
        new Request.Set(
            Path.of(positional.get(0)),
            YamlPath.parse(positional.get(1)),
            positional.get(2),
            write(line),
            line.hasOption("json")));
  }

  private static Invocation listCores(String[] args) {
    CommandLine line = CommandLineParsing.parse(listCoresOptions(), args);
    if (line.hasOption("help")) {
      return new Invocation.Help(ToolHelp.listCores());
    }
    List<String> positional = positional(line, 1, "list-cores FILE");
    return new Invocation.Run(
        new Request.ListCores(Path.of(positional.get(0)), line.hasOption("json")));
  }

  private static Invocation setCoreIp(String[] args) {
    CommandLine line = CommandLineParsing.parse(setCoreIpOptions(), args);
    if (line.hasOption("help")) {
      return new Invocation.Help(ToolHelp.setCoreIp());
    }
    List<String> positional = positional(line, 1, "set-core-ip FILE --core NAME --ip ADDRESS");
    String core = required(line, "core");
    String ip = required(line, "ip");
    validateAddress(ip, line.hasOption("allow-hostname"));
    Optional<String> hosting = Optional.ofNullable(line.getOptionValue("hosting"));
    return new Invocation.Run(
        new Request.SetCoreIp(
            Path.of(positional.get(0)), core, hosting, ip, write(line), line.hasOption("json")));
  }

  /** Only an address (or, when allowed, a DNS name) can reach the file: nothing else to inject. */
  static void validateAddress(String ip, boolean allowHostname) {
    if (HostAndPort.isIpv4(ip) || HostAndPort.isIpv6(ip)) {
      return;
    }
    if (ip.startsWith("[")
        && ip.endsWith("]")
        && HostAndPort.isIpv6(ip.substring(1, ip.length() - 1))) {
      throw ToolException.usage("--ip '" + ip + "': write an IPv6 address without brackets");
    }
    if (HostAndPort.isHostName(ip) && !ip.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      if (allowHostname) {
        return;
      }
      throw ToolException.usage(
          "--ip '"
              + ip
              + "' is a host name, not an IP address; add --allow-hostname if the"
              + " register should use a name");
    }
    throw ToolException.usage(
        "--ip '"
            + ip
            + "' is not an IPv4 or IPv6 address"
            + (allowHostname ? " or a host name" : ""));
  }

  private static Request.WriteOptions write(CommandLine line) {
    return new Request.WriteOptions(
        Optional.ofNullable(line.getOptionValue("expect")),
        line.hasOption("follow-alias"),
        line.hasOption("dry-run"),
        !line.hasOption("no-backup"));
  }

  private static String required(CommandLine line, String option) {
    String value = line.getOptionValue(option);
    if (value == null || value.isEmpty()) {
      throw ToolException.usage("--" + option + " is required (see set-core-ip --help)");
    }
    return value;
  }

  private static List<String> positional(CommandLine line, int count, String usage) {
    List<String> args = line.getArgList();
    if (args.size() != count) {
      throw ToolException.usage(
          "expected: "
              + TOOL
              + " "
              + usage
              + " (got "
              + args.size()
              + " argument"
              + (args.size() == 1 ? "" : "s")
              + "; see --help)");
    }
    return args;
  }

  static String currentIpPath() {
    return CURRENT_IP_PATH;
  }
}
