package io.pryv.migration.ssh;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where and how to connect: {@code user@host}, port, private key and known_hosts file. Host keys
 * are always checked against {@link #knownHosts}; {@link #acceptNewHostKey} only lets an unknown
 * host in (and records its key, like OpenSSH's {@code StrictHostKeyChecking accept-new}); a changed
 * key is always refused. {@link #controlPath}, when present, is an OpenSSH {@code ControlPath} (its
 * {@code %} tokens expanded by ssh) where a master connection to this host may answer: the commands
 * then go through it, the host key having been checked by the master when it connected. {@link
 * #openssh} says to connect with the OpenSSH client (a master of the tool's own) rather than JSch.
 */
public record SshTarget(
    String user,
    String host,
    int port,
    Optional<Path> identity,
    Optional<Path> knownHosts,
    boolean acceptNewHostKey,
    Optional<String> controlPath,
    boolean openssh) {

  public static final int DEFAULT_PORT = 22;

  public SshTarget {
    if (user == null || user.isEmpty()) {
      throw ToolException.usage("an SSH user name is required (user@host)");
    }
    if (port < 1 || port > 65535) {
      throw ToolException.usage("invalid SSH port " + port + ": expected 1-65535");
    }
    identity = identity == null ? Optional.empty() : identity;
    knownHosts = knownHosts == null ? Optional.empty() : knownHosts;
    controlPath = controlPath == null ? Optional.empty() : controlPath;
  }

  /** Without a control path: every command over the tool's own connection. */
  public SshTarget(
      String user,
      String host,
      int port,
      Optional<Path> identity,
      Optional<Path> knownHosts,
      boolean acceptNewHostKey) {
    this(user, host, port, identity, knownHosts, acceptNewHostKey, Optional.empty());
  }

  /** With a control path, connecting with JSch when no master answers there. */
  public SshTarget(
      String user,
      String host,
      int port,
      Optional<Path> identity,
      Optional<Path> knownHosts,
      boolean acceptNewHostKey,
      Optional<String> controlPath) {
    this(user, host, port, identity, knownHosts, acceptNewHostKey, controlPath, false);
  }

  /**
   * The same target, its commands sent through the OpenSSH master at {@code path} when one answers.
   */
  public SshTarget withControlPath(Optional<String> path) {
    return new SshTarget(user, host, port, identity, knownHosts, acceptNewHostKey, path, openssh);
  }

  /**
   * The same target, connected with the OpenSSH client when {@code openssh}: without a key named,
   * ssh chooses (~/.ssh/config, the agent, its default keys) rather than the first default key.
   */
  public SshTarget withOpenSsh(boolean openssh, boolean keyNamed) {
    Optional<Path> key = openssh && !keyNamed ? Optional.empty() : identity;
    return new SshTarget(user, host, port, key, knownHosts, acceptNewHostKey, controlPath, openssh);
  }

  /**
   * {@code user@host} (or {@code host}: the current user) with every default: port 22, usual key
   * and known_hosts.
   */
  public static SshTarget parse(String userAtHost) {
    return parse(userAtHost, DEFAULT_PORT, Optional.empty(), Optional.empty(), false);
  }

  /**
   * Parses {@code user@host}, {@code user@[ipv6]} or {@code host}. An empty identity means the
   * usual {@code ~/.ssh/id_ed25519} or {@code ~/.ssh/id_rsa} (the first that exists); an empty
   * known_hosts means {@code ~/.ssh/known_hosts}.
   */
  public static SshTarget parse(
      String userAtHost,
      int port,
      Optional<Path> identity,
      Optional<Path> knownHosts,
      boolean acceptNewHostKey) {
    if (userAtHost == null || userAtHost.isBlank()) {
      throw ToolException.usage("an SSH target is required (user@host)");
    }
    String text = userAtHost.strip();
    int at = text.lastIndexOf('@');
    String user = at < 0 ? System.getProperty("user.name") : text.substring(0, at);
    String hostText = at < 0 ? text : text.substring(at + 1);
    if (user.isEmpty() || user.startsWith("-") || !user.chars().allMatch(SshTarget::userChar)) {
      throw ToolException.usage("invalid SSH user name in " + ArgumentText.quoted(userAtHost));
    }
    if (hostText.startsWith("[") && hostText.endsWith("]")) {
      hostText = hostText.substring(1, hostText.length() - 1);
      if (!HostAndPort.isIpv6(hostText)) {
        throw ToolException.usage(
            ArgumentText.quoted(userAtHost) + ": not an IPv6 address in brackets");
      }
    } else if (!HostAndPort.isIpv4(hostText)
        && !HostAndPort.isIpv6(hostText)
        && (!HostAndPort.isHostName(hostText)
            || hostText.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
      throw ToolException.usage(
          ArgumentText.quoted(userAtHost) + " is not user@host (IPv4, [IPv6] or host name)");
    }
    Path home = Path.of(System.getProperty("user.home"));
    Optional<Path> key = identity == null || identity.isEmpty() ? defaultIdentity(home) : identity;
    if (identity != null && identity.isPresent()) {
      requireKeyFile(identity.get());
    }
    Optional<Path> known =
        knownHosts == null || knownHosts.isEmpty()
            ? Optional.of(home.resolve(".ssh").resolve("known_hosts"))
            : knownHosts;
    return new SshTarget(user, hostText, port, key, known, acceptNewHostKey);
  }

  /**
   * A key named with {@code -i} that cannot be read is refused before anything starts, naming the
   * file (JSch would fail later with its Java exception's text).
   */
  static void requireKeyFile(Path key) {
    try {
      FileErrors.requireReadableFile(key);
    } catch (ToolException e) {
      throw new ToolException(e.exitCode(), e.getMessage() + " (the SSH private key)");
    }
  }

  private static boolean userChar(int c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '$';
  }

  static Optional<Path> defaultIdentity(Path home) {
    for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
      Path candidate = home.resolve(".ssh").resolve(name);
      if (Files.isReadable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code user@host} or {@code user@[v6]}, with {@code :port} when not 22: for messages. */
  public String display() {
    String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return user + "@" + shownHost + (port == DEFAULT_PORT ? "" : " port " + port);
  }
}
