package io.pryv.migration.ssh;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ToolException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The SSH options of every tool that reaches another machine, declared here once with one spelling:
 * {@code -p/--port}, {@code -i/--identity}, {@code --known-hosts}, {@code --accept-new-host-key},
 * {@code --connect-timeout}, {@code --ssh-control}, {@code --openssh}. An older spelling ({@code
 * --ssh-port}) is still read for one release; using it adds a deprecation line to {@link
 * #warnings}, which the tool prints on stderr.
 */
public record SshOptions(
    int port,
    Optional<Path> identity,
    Optional<Path> knownHosts,
    boolean acceptNewHostKey,
    Duration connectTimeout,
    Optional<String> controlPath,
    boolean openssh,
    List<String> warnings) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

  /** Old spelling → the option it stands for. Kept for one release. */
  static final Map<String, String> DEPRECATED = Map.of("ssh-port", "port");

  /** The long names of the SSH options, in the order of the help. */
  public static final List<String> NAMES =
      List.of(
          "port",
          "identity",
          "known-hosts",
          "accept-new-host-key",
          "connect-timeout",
          "ssh-control",
          "openssh");

  public SshOptions {
    controlPath = controlPath == null ? Optional.empty() : controlPath;
    warnings = List.copyOf(warnings);
  }

  /** Port 22, the usual key and known_hosts, unknown hosts refused, 20 s to connect. */
  public static SshOptions defaults() {
    return new SshOptions(
        SshTarget.DEFAULT_PORT,
        Optional.empty(),
        Optional.empty(),
        false,
        DEFAULT_CONNECT_TIMEOUT,
        Optional.empty(),
        false,
        List.of());
  }

  /** Declares the SSH options (and the deprecated spellings) on a tool's options. */
  public static Options addTo(Options options) {
    options.addOption(
        Option.builder("p")
            .longOpt("port")
            .hasArg()
            .argName("PORT")
            .desc("SSH port (default 22)")
            .get());
    options.addOption(
        Option.builder("i")
            .longOpt("identity")
            .hasArg()
            .argName("KEY")
            .desc("SSH private key (default ~/.ssh/id_ed25519, id_ecdsa or id_rsa)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("known-hosts")
            .hasArg()
            .argName("FILE")
            .desc("known_hosts file (default ~/.ssh/known_hosts); host keys are always checked")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("accept-new-host-key")
            .desc(
                "accept and record the key of a host not yet in known_hosts (a changed key is still refused)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("connect-timeout")
            .hasArg()
            .argName("SECONDS")
            .desc("SSH connect timeout (default " + DEFAULT_CONNECT_TIMEOUT.toSeconds() + ")")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("ssh-control")
            .hasArg()
            .argName("PATH")
            .desc(
                "OpenSSH ControlPath (%C, %h, %p, %r allowed) of a master connection already open to"
                    + " the host: commands go through it (its host key check applies); without an"
                    + " answer there, one line on stderr and the tool connects on its own (with --openssh:"
                    + " its own master)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("openssh")
            .desc(
                "connect with the OpenSSH client (ssh on PATH, ~/.ssh/config honoured) instead of"
                    + " the built-in one: the tool opens its own master connection, ssh does the"
                    + " handshake and the encryption (faster); errors are ssh's")
            .get());
    DEPRECATED.forEach(
        (old, current) ->
            options.addOption(
                Option.builder()
                    .longOpt(old)
                    .hasArg()
                    .argName(current.toUpperCase(java.util.Locale.ROOT))
                    .desc("deprecated: use --" + current)
                    .get()));
    return options;
  }

  /**
   * The SSH options given on a command line (defaults for the others); usage errors for bad values.
   */
  public static SshOptions from(CommandLine line) {
    List<String> warnings = new ArrayList<>();
    Optional<String> port = value(line, "port", warnings);
    int portNumber = port.isEmpty() ? SshTarget.DEFAULT_PORT : number(port.get(), "port");
    if (portNumber < 1 || portNumber > 65535) {
      throw ToolException.usage("--port takes 1..65535, not " + portNumber);
    }
    int timeout =
        CommandLineParsing.intValue(
            line, "connect-timeout", (int) DEFAULT_CONNECT_TIMEOUT.toSeconds());
    if (timeout < 1) {
      throw ToolException.usage("--connect-timeout takes a positive number of seconds");
    }
    return new SshOptions(
        portNumber,
        value(line, "identity", warnings).map(Path::of),
        value(line, "known-hosts", warnings).map(Path::of),
        line.hasOption("accept-new-host-key"),
        Duration.ofSeconds(timeout),
        controlPath(line),
        line.hasOption("openssh"),
        warnings);
  }

  /**
   * The SSH options present on the line, as the user spelled them ({@code --ssh-port}), for "needs
   * a host" errors.
   */
  public static List<String> given(CommandLine line) {
    List<String> given = new ArrayList<>();
    for (String name : NAMES) {
      if (line.hasOption(name)) {
        given.add("--" + name);
      }
    }
    DEPRECATED.keySet().stream().filter(line::hasOption).forEach(old -> given.add("--" + old));
    return given;
  }

  /** Where to connect: {@code user@host} with these settings. */
  public SshTarget target(String userAtHost) {
    return SshTarget.parse(userAtHost, port, identity, knownHosts, acceptNewHostKey)
        .withControlPath(controlPath)
        .withOpenSsh(openssh, identity.isPresent());
  }

  private static Optional<String> controlPath(CommandLine line) {
    String path = line.getOptionValue("ssh-control");
    if (path != null && (path.isBlank() || path.equalsIgnoreCase("none"))) {
      throw ToolException.usage("--ssh-control takes the path of an OpenSSH control socket");
    }
    return Optional.ofNullable(path);
  }

  private static Optional<String> value(CommandLine line, String name, List<String> warnings) {
    String value = line.getOptionValue(name);
    for (Map.Entry<String, String> old : DEPRECATED.entrySet()) {
      if (old.getValue().equals(name) && line.hasOption(old.getKey())) {
        if (value != null) {
          throw ToolException.usage(
              "--" + old.getKey() + " and --" + name + " say the same: give only --" + name);
        }
        value = line.getOptionValue(old.getKey());
        warnings.add(
            "--"
                + old.getKey()
                + " is deprecated and will be removed in the next release: use --"
                + name);
      }
    }
    return Optional.ofNullable(value);
  }

  private static int number(String value, String name) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ToolException.usage("--" + name + " takes a whole number, not '" + value + "'");
    }
  }
}
