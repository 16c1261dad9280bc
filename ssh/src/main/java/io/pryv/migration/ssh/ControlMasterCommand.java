package io.pryv.migration.ssh;

import io.pryv.migration.common.FastPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenSSH command lines that reach a host through the master connection at a target's control
 * path: {@code ssh -S PATH -O check} to ask whether one answers, and {@code ssh -S PATH ... --
 * LINE} to run a command through it. {@code -S} rather than {@code -o ControlPath=}: ssh takes it
 * as given, spaces included, and expands its {@code %C}/{@code %h}/{@code %p}/{@code %r} tokens the
 * same way. Should the master go away after the check, ssh connects on its own: the key,
 * known_hosts and host key policy on the line are then the target's, as over JSch.
 */
final class ControlMasterCommand {
  static final String SSH = "ssh";

  /**
   * ssh's own exit status when it failed (connection, authentication, a signal on the far side).
   */
  static final int SSH_FAILED = 255;

  /** Moved to the head of ssh's key exchanges (the {@code ^} of ssh_config's KexAlgorithms). */
  static final String PREFERRED_KEX = "^curve25519-sha256,curve25519-sha256@libssh.org";

  private ControlMasterCommand() {}

  /** Exit status 0 when a master answers at the control path. */
  static List<String> check(SshTarget target) {
    List<String> command = common(target, Duration.ZERO);
    command.addAll(List.of("-O", "check", destination(target)));
    return command;
  }

  /**
   * Opens a master of the tool's own ({@code --openssh}) at the target's control path: stays in the
   * foreground (no {@code -f}, no persistence: the tool owns it and ends it), never asks anything
   * (batch mode), checks the host key against the target's known_hosts ({@code accept-new} records
   * an unknown one), compresses when asked.
   */
  static List<String> master(SshTarget target, Duration connectTimeout, boolean compress) {
    List<String> command = new ArrayList<>();
    command.addAll(List.of(SSH, "-M", "-N", "-S", target.controlPath().orElseThrow()));
    command.addAll(List.of("-o", "ControlPersist=no", "-o", "BatchMode=yes"));
    command.addAll(List.of("-p", Integer.toString(target.port())));
    target
        .identity()
        .ifPresent(
            key -> command.addAll(List.of("-i", key.toString(), "-o", "IdentitiesOnly=yes")));
    target
        .knownHosts()
        .ifPresent(file -> command.addAll(List.of("-o", "UserKnownHostsFile=" + quoted(file))));
    command.addAll(
        List.of(
            "-o",
            "StrictHostKeyChecking=" + (target.acceptNewHostKey() ? "accept-new" : "yes"),
            "-o",
            "ConnectTimeout=" + connectTimeout.toSeconds(),
            // as JSch's keepalive: a connection gone quiet is found within a minute
            "-o",
            "ServerAliveInterval=15",
            "-o",
            "ServerAliveCountMax=4"));
    if (FastPath.OPENSSH_KEX.on()) {
      // the built-in client's key exchange first; the rest of ssh's list stays offered after it
      command.addAll(List.of("-o", "KexAlgorithms=" + PREFERRED_KEX));
    }
    if (compress) {
      command.add("-C");
    }
    command.add(destination(target));
    return command;
  }

  /**
   * Runs {@code line} (already quoted for the remote shell, as JSch gets it) through the master.
   */
  static List<String> run(SshTarget target, Duration connectTimeout, String line) {
    List<String> command = common(target, connectTimeout);
    command.addAll(List.of(destination(target), "--", line));
    return command;
  }

  private static List<String> common(SshTarget target, Duration connectTimeout) {
    List<String> command = new ArrayList<>();
    command.add(SSH);
    command.add("-S");
    command.add(target.controlPath().orElseThrow());
    command.addAll(List.of("-o", "ControlMaster=no", "-o", "BatchMode=yes"));
    command.addAll(List.of("-p", Integer.toString(target.port())));
    if (!connectTimeout.isZero()) {
      command.addAll(
          List.of(
              "-o",
              "ConnectTimeout=" + connectTimeout.toSeconds(),
              "-o",
              "StrictHostKeyChecking=" + (target.acceptNewHostKey() ? "accept-new" : "yes")));
      target
          .knownHosts()
          .ifPresent(file -> command.addAll(List.of("-o", "UserKnownHostsFile=" + quoted(file))));
      target
          .identity()
          .ifPresent(
              key -> command.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key.toString())));
    }
    return command;
  }

  /** {@code user@host}; an IPv6 address without brackets (ssh takes the last {@code @}). */
  static String destination(SshTarget target) {
    return target.user() + "@" + target.host();
  }

  /**
   * The environment of the ssh child: this one without the locale variables, which ssh would pass
   * on (Debian's {@code SendEnv LANG LC_*}) where JSch does not: the remote commands run in the
   * same environment whichever way they come.
   */
  static void clean(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
  }

  /** A path inside an {@code -o} value: ssh splits those on spaces unless quoted. */
  private static String quoted(java.nio.file.Path file) {
    String text = file.toString();
    return text.indexOf(' ') < 0 ? text : "\"" + text + "\"";
  }
}
