package io.pryv.migration.platformyml.cli;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.SharedOptions;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.command.WriteOptions;
import io.pryv.migration.platformyml.path.YamlPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * commons-cli → {@link PlatformYmlEditorOptions}: finds the verb wherever it stands among the
 * options, then parses that verb's options; every problem is a usage error (exit 2).
 */
final class PlatformYmlEditorOptionsParser {
  private static final String CURRENT_IP_PATH =
      "vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value.hosting1.co1.ip";

  /** -V was this tool's own short spelling; every tool of the toolkit says --version. */
  static final String DEPRECATED_V =
      "-V is deprecated and will be removed in the next release: use --version";

  private PlatformYmlEditorOptionsParser() {}

  static PlatformYmlEditorOptions parse(String[] args) {
    CommandLineParsing.VerbLine line = CommandLineParsing.splitVerb(args, allOptions());
    String[] rest = line.arguments();
    if (line.verb().isEmpty()) {
      if (line.has("--help") || line.has("-h")) {
        return PlatformYmlEditorOptions.help(null);
      }
      if (line.has("--version") || line.has("-V")) {
        return PlatformYmlEditorOptions.versionOnly(
            line.has("--version") ? List.of() : List.of(DEPRECATED_V));
      }
      CommandLineParsing.parse(allOptions(), rest); // an unknown option is named
      throw ToolException.usage(
          "a command is required: get, set, list-cores or set-core-ip (see --help)");
    }
    String word = line.verb().get();
    if (word.equals("help")) {
      return PlatformYmlEditorOptions.help(null);
    }
    PlatformYmlEditorVerb verb =
        PlatformYmlEditorVerb.named(word)
            .orElseThrow(
                () ->
                    ToolException.usage(
                        "unknown command '"
                            + word
                            + "'; expected get, set, list-cores or set-core-ip (see --help)"));
    CommandLine options = CommandLineParsing.parse(options(verb), rest);
    if (options.hasOption("help")) {
      return PlatformYmlEditorOptions.help(verb);
    }
    if (options.hasOption("version")) {
      return PlatformYmlEditorOptions.versionOnly(List.of());
    }
    return verbOptions(verb, options);
  }

  /** Every option of every verb, to find the verb wherever it stands among them. */
  static Options allOptions() {
    Options all = options(PlatformYmlEditorVerb.SET_CORE_IP);
    all.addOption("V", "version", false, "print the version");
    // -V: deprecated, said by parse()
    return all;
  }

  /** The options of one verb: its own, then those every tool shares. */
  static Options options(PlatformYmlEditorVerb verb) {
    Options options = new Options();
    if (verb == PlatformYmlEditorVerb.SET_CORE_IP) {
      options.addOption(
          Option.builder()
              .longOpt("core")
              .hasArg()
              .argName("NAME")
              .desc("the core, e.g. co1")
              .get());
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
    }
    if (verb.writes()) {
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
    }
    return SharedOptions.addTo(options, true);
  }

  /** FILE [PATH [VALUE]] as the verb takes them, and its options. */
  private static PlatformYmlEditorOptions verbOptions(
      PlatformYmlEditorVerb verb, CommandLine line) {
    List<String> positional = positional(line, verb.arguments(), verb.usage());
    boolean coreIp = verb == PlatformYmlEditorVerb.SET_CORE_IP;
    String core = coreIp ? required(line, "core") : null;
    String ip = coreIp ? required(line, "ip") : null;
    if (coreIp) {
      validateAddress(ip, line.hasOption("allow-hostname"));
    }
    return new PlatformYmlEditorOptions(
        false,
        false,
        verb,
        Path.of(positional.get(0)),
        positional.size() > 1 ? YamlPath.parse(positional.get(1)) : null,
        positional.size() > 2 ? positional.get(2) : null,
        core,
        coreIp ? Optional.ofNullable(line.getOptionValue("hosting")) : Optional.empty(),
        ip,
        verb.writes() ? write(line) : null,
        line.hasOption("json"),
        List.of());
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

  private static WriteOptions write(CommandLine line) {
    return new WriteOptions(
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
              + PlatformYmlEditorTool.NAME
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
