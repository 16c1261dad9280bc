package io.pryv.migration.platformyml.cli;

import io.pryv.migration.common.CommandLineParsing;

/** The {@code --help} texts: the overview of the verbs, and each verb's page, with examples. */
final class PlatformYmlEditorHelp {
  private static final String FIDELITY =
      "The file is never re-serialised: only the bytes of the one scalar change"
          + " (comments, blank lines, quotes, key order, CRLF, BOM stay). The result is re-parsed and must equal the"
          + " original tree except at that path, else nothing is written. Writes are atomic, keep FILE.bak, and are"
          + " refused if the file changed on disk meanwhile. A value set to itself writes nothing.";
  private static final String EXIT_CODES =
      "Exit codes: 0 done (or nothing to change), 1 --expect did not match,"
          + " 2 usage error, 3 bad input (unparsable YAML, path not found, ambiguous core, not a scalar, alias),"
          + " 4 file system error, 5 internal error.";

  private PlatformYmlEditorHelp() {}

  /** The verb's own page, or the overview. */
  static String text(PlatformYmlEditorOptions options) {
    if (options.verb() == null) {
      return overview();
    }
    return switch (options.verb()) {
      case GET -> get();
      case SET -> set();
      case LIST_CORES -> listCores();
      case SET_CORE_IP -> setCoreIp();
    };
  }

  static String overview() {
    return """
        Usage: platform-yml-editor COMMAND [options] ARGS

        Changes one value of a Pryv.io platform.yml (or any YAML file) and nothing else.

        Commands:
          get FILE PATH                      print one value
          set FILE PATH VALUE                change one scalar value
          list-cores FILE                    print every hosting, core and IP (all Pryv layouts)
          set-core-ip FILE --core NAME --ip ADDRESS [--hosting NAME]
                                             change a core's IP; finds the hosting itself

        PATH is dotted; quote a key holding dots or spaces: vars.HOSTINGS_AND_CORES."exoscale.ch-ch".co1.ip
        A list item is addressed by its index: a.b.0.c

        Examples:
          platform-yml-editor list-cores /var/pryv/config-leader/conf/platform.yml
          platform-yml-editor set-core-ip platform.yml --core co1 --ip 10.0.0.5 --dry-run
          platform-yml-editor set-core-ip platform.yml --core co1 --ip 10.0.0.5 --expect 10.0.0.4
          platform-yml-editor get platform.yml %s

        Options for every command: --help, --json, --verbose. Run 'platform-yml-editor COMMAND --help'.
        %s

        %s
        """
        .formatted(
            PlatformYmlEditorOptionsParser.currentIpPath(), wrap(FIDELITY), wrap(EXIT_CODES));
  }

  static String get() {
    return CommandLineParsing.help(
        "platform-yml-editor get FILE PATH",
        wrap("Prints the scalar at PATH (a mapping or list is an error that lists its keys)."),
        PlatformYmlEditorOptionsParser.options(PlatformYmlEditorVerb.GET),
        "Example:\n  platform-yml-editor get platform.yml vars.MACHINES_AND_PLATFORM_SETTINGS.settings.DOMAIN.value\n\n"
            + wrap(EXIT_CODES));
  }

  static String set() {
    return CommandLineParsing.help(
        "platform-yml-editor set FILE PATH VALUE",
        wrap(
            "Changes the scalar at PATH to VALUE, keeping its quoting style (a plain value that would read back as"
                + " another type or break the syntax is quoted). Use -- before a VALUE that starts with '-'."),
        PlatformYmlEditorOptionsParser.options(PlatformYmlEditorVerb.SET),
        "Examples:\n  platform-yml-editor set platform.yml vars.MACHINES_AND_PLATFORM_SETTINGS.settings.DOMAIN.value"
            + " pryv.example.com --dry-run\n  platform-yml-editor set platform.yml a.b -- -1\n\n"
            + wrap(FIDELITY)
            + "\n"
            + wrap(EXIT_CODES));
  }

  static String listCores() {
    return CommandLineParsing.help(
        "platform-yml-editor list-cores FILE",
        wrap(
            "Prints HOSTING, CORE, IP and LINE of every core in HOSTINGS_AND_CORES. Layouts: current"
                + " (vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value), transitional (without"
                + " settings:), flat (vars.HOSTINGS_AND_CORES), and files re-written by the admin panel."),
        PlatformYmlEditorOptionsParser.options(PlatformYmlEditorVerb.LIST_CORES),
        "Example:\n  platform-yml-editor list-cores /var/pryv/config-leader/conf/platform.yml --json\n\n"
            + wrap(EXIT_CODES));
  }

  static String setCoreIp() {
    return CommandLineParsing.help(
        "platform-yml-editor set-core-ip FILE --core NAME --ip ADDRESS [--hosting NAME]",
        "Sets HOSTINGS_AND_CORES.<hosting>.<core>.ip, whatever the layout. The hosting is found from the core"
            + " name; a name under two hostings needs --hosting. ADDRESS must be IPv4 or IPv6 (no brackets), or a"
            + " DNS name with --allow-hostname.",
        PlatformYmlEditorOptionsParser.options(PlatformYmlEditorVerb.SET_CORE_IP),
        "Examples:\n  platform-yml-editor set-core-ip platform.yml --core co1 --ip 10.0.0.5 --dry-run\n"
            + "  platform-yml-editor set-core-ip platform.yml --core co2 --hosting hosting2 --ip 2001:db8::5"
            + " --expect 10.0.0.12\n\n"
            + wrap(FIDELITY)
            + "\n"
            + wrap(EXIT_CODES));
  }

  private static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (String word : text.split(" ")) {
      if (column > 0 && column + 1 + word.length() > 100) {
        out.append('\n');
        column = 0;
      } else if (column > 0) {
        out.append(' ');
        column++;
      }
      out.append(word);
      column += word.length();
    }
    return out.toString();
  }
}
