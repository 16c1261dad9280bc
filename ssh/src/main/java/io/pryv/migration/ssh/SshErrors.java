package io.pryv.migration.ssh;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import io.pryv.migration.common.ToolException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** SSH failures (JSch's exceptions, ssh's exit status) as one clear line each, with what to do. */
final class SshErrors {
  /**
   * The most commands the tools run at once on one connection: two (backup-transfer's push keeps
   * two batches in flight, --checksum reads a listing and its hashes side by side, pull hashes with
   * two processes).
   */
  static final int MIN_SESSIONS = 2;

  private SshErrors() {}

  static ToolException connect(SshTarget target, JSchException e) {
    return connect(target, e, Duration.ZERO);
  }

  /**
   * As {@link #connect(SshTarget, JSchException)}, naming the connect timeout when the server never
   * answered.
   */
  static ToolException connect(SshTarget target, JSchException e, Duration timeout) {
    String where = target.display();
    if (e instanceof JSchChangedHostKeyException) {
      return ToolException.environment(changedHostKey(target), e);
    }
    if (e instanceof JSchUnknownHostKeyException) {
      return ToolException.environment(unknownHostKey(target), e);
    }
    ToolException unreachable = unreachable(target, e, timeout);
    if (unreachable != null) {
      return unreachable;
    }
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
      return ToolException.environment(
          "authentication refused by "
              + where
              + " for user "
              + target.user()
              + " with key "
              + target.identity().map(Object::toString).orElse("(none found in ~/.ssh)")
              + "; check -i KEY and the remote authorized_keys",
          e);
    }
    if (message.contains("invalid privatekey") || message.contains("USERAUTH fail")) {
      return ToolException.environment(
          "cannot use the private key "
              + target.identity().map(Object::toString).orElse("")
              + ": "
              + message,
          e);
    }
    return ToolException.environment("SSH connection to " + where + " failed: " + message, e);
  }

  /**
   * An OpenSSH master of the tool's own ({@code --openssh}) that ended before it answered: {@code
   * said} is what ssh wrote on stderr, told as JSch's failures are (same words, same exit code).
   */
  static ToolException masterFailed(SshTarget target, String said, Duration timeout) {
    String where = target.display();
    String last = lastLine(said);
    String seconds = timeout.toSeconds() + " s";
    if (said.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || said.contains("has changed")) {
      return ToolException.environment(changedHostKey(target));
    }
    if (said.contains("host key is known") || said.contains("Host key verification failed")) {
      return ToolException.environment(unknownHostKey(target));
    }
    if (said.contains("Permission denied")) {
      return ToolException.environment(
          "authentication refused by "
              + where
              + " for user "
              + target.user()
              + target.identity().map(key -> " with key " + key).orElse(" with ssh's keys")
              + "; check -i KEY and the remote authorized_keys (ssh: "
              + last
              + ")");
    }
    if (said.contains("Could not resolve hostname")) {
      return ToolException.environment(unknownHost(target, "; ssh: " + last));
    }
    if (said.contains("Connection refused")) {
      return ToolException.environment(refused(target));
    }
    if (said.contains("No route to host") || said.contains("unreachable")) {
      return ToolException.environment(noRoute(target, last));
    }
    if (said.contains("timed out")) {
      return ToolException.environment(
          "cannot reach "
              + where
              + ": timed out after "
              + seconds
              + " ("
              + last
              + "); check the address and port, or raise --connect-timeout");
    }
    return ToolException.environment(
        "SSH connection to "
            + where
            + " failed: "
            + (last.isEmpty() ? "ssh ended without a word" : last));
  }

  // The messages JSch's failures and ssh's share, worded once.

  private static String changedHostKey(SshTarget target) {
    return "the host key of "
        + target.display()
        + " has CHANGED since it was recorded in "
        + knownHosts(target)
        + "; refusing to connect (possible man-in-the-middle). If the change is expected, remove the"
        + " old key with ssh-keygen -R and connect again";
  }

  private static String unknownHostKey(SshTarget target) {
    return "the host key of "
        + target.display()
        + " is not in "
        + knownHosts(target)
        + "; check its fingerprint and add it (ssh-keyscan, or one interactive ssh), or pass"
        + " --accept-new-host-key to record it on first use";
  }

  private static String knownHosts(SshTarget target) {
    return target.knownHosts().map(Object::toString).orElse("known_hosts");
  }

  /** {@code more}: appended inside the parentheses (empty, or "; ssh: ..."). */
  private static String unknownHost(SshTarget target, String more) {
    return "unknown host " + target.host() + " (DNS lookup failed" + more + ")";
  }

  private static String refused(SshTarget target) {
    return "connection refused by "
        + target.display()
        + " (is sshd listening on port "
        + target.port()
        + "?)";
  }

  private static String noRoute(SshTarget target, String detail) {
    return "cannot reach "
        + target.display()
        + ": no route to host ("
        + detail
        + "); check the address and this machine's network";
  }

  /** The last line ssh wrote that says something (not its "\r" leftovers). */
  private static String lastLine(String said) {
    String text = said.replace("\r", "").strip();
    return text.substring(text.lastIndexOf('\n') + 1).strip();
  }

  /**
   * A server that could not be reached, told by what the network said (Java's exception, below
   * JSch's): refused, no route, timed out, no SSH greeting; null for anything else. "connection is
   * closed by foreign host" is JSch's word for a connection closed before the server's version
   * line: behind a NAT gateway or proxy that accepts every connection, that is what an unroutable
   * address looks like.
   */
  private static ToolException unreachable(SshTarget target, JSchException e, Duration timeout) {
    String where = target.display();
    Throwable cause = e.getCause();
    String causeText = cause == null ? "" : String.valueOf(cause.getMessage());
    String seconds = timeout.isZero() ? "the time allowed" : timeout.toSeconds() + " s";
    if (cause instanceof UnknownHostException) {
      return ToolException.environment(unknownHost(target, ""), e);
    }
    if (cause instanceof NoRouteToHostException || causeText.contains("unreachable")) {
      return ToolException.environment(noRoute(target, causeText), e);
    }
    if (cause instanceof SocketTimeoutException && causeText.startsWith("Read")) {
      return ToolException.environment(
          "cannot reach an SSH server at "
              + where
              + ": the connection was accepted"
              + " but no SSH greeting came within "
              + seconds
              + " (timed out: something else on port "
              + target.port()
              + ", or a proxy or firewall holding the connection)",
          e);
    }
    if (cause instanceof SocketTimeoutException
        || causeText.contains("timed out")
        || String.valueOf(e.getMessage()).contains("timeout")) {
      return ToolException.environment(
          "cannot reach "
              + where
              + ": timed out after "
              + seconds
              + " with no answer (no route to it, or a firewall drops the packets); check the address and port, or"
              + " raise --connect-timeout",
          e);
    }
    if (cause instanceof ConnectException) {
      return ToolException.environment(refused(target), e);
    }
    if (String.valueOf(e.getMessage()).contains("connection is closed by foreign host")) {
      return ToolException.environment(
          "cannot reach an SSH server at "
              + where
              + ": the connection was closed"
              + " before any SSH greeting (no route to the host beyond a gateway or firewall, no SSH server on port "
              + target.port()
              + ", or the server turned this client away)",
          e);
    }
    return null;
  }

  /**
   * A channel ({@code what}: a remote command, an SFTP session) that did not start. JSch says
   * "channel is not opened." both when the server refused it (OpenSSH refuses any beyond its {@code
   * MaxSessions}; the answer comes at once) and when no answer came within the timeout: only the
   * first, on a connection still up, is told as a refusal.
   */
  static ToolException channelNotStarted(
      SshTarget target,
      String what,
      JSchException e,
      boolean connected,
      boolean answered,
      Duration timeout) {
    if (!connected) {
      return lost(target, "starting " + what, e);
    }
    if (!answered) {
      return ToolException.environment(
          target.display()
              + " did not start "
              + what
              + " within "
              + timeout.toSeconds()
              + " s ("
              + e.getMessage()
              + "); is the connection or the server stalled?",
          e);
    }
    if (String.valueOf(e.getMessage()).startsWith("channel is not opened")) {
      return ToolException.environment(
          target.display()
              + " refused to run one more command on this SSH"
              + " connection ("
              + e.getMessage()
              + "); the tools run up to "
              + MIN_SESSIONS
              + " at once on one"
              + " connection: allow that many with MaxSessions in its sshd_config (OpenSSH's default is 10)",
          e);
    }
    return lost(target, "starting " + what, e);
  }

  /**
   * A command through the OpenSSH master at the target's control path that did not run: ssh exited
   * with 255, or could not be started; {@code said} is ssh's last line.
   */
  static ToolException sharedConnectionFailed(SshTarget target, String what, String said) {
    return ToolException.environment(
        "SSH connection to "
            + target.display()
            + " through the master at "
            + target.controlPath().orElse("?")
            + " failed while "
            + what
            + ": "
            + said);
  }

  static ToolException lost(SshTarget target, String what, Exception e) {
    return ToolException.environment(
        "SSH connection to " + target.display() + " lost while " + what + ": " + e.getMessage(), e);
  }
}
