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

/** JSch's exceptions as one clear line each, with what to do. */
final class SshErrors {
  /**
   * The most commands the tools run at once on one connection: two (backup-transfer's push keeps two batches in
   * flight, --checksum reads a listing and its hashes side by side, pull hashes with two processes).
   */
  static final int MIN_SESSIONS = 2;

  private SshErrors() {}

  static ToolException connect(SshTarget target, JSchException e) {
    String where = target.display();
    String known = target.knownHosts().map(Object::toString).orElse("known_hosts");
    if (e instanceof JSchChangedHostKeyException) {
      return ToolException.environment("the host key of " + where + " has CHANGED since it was recorded in "
          + known + "; refusing to connect (possible man-in-the-middle). If the change is expected, remove the"
          + " old key with ssh-keygen -R and connect again", e);
    }
    if (e instanceof JSchUnknownHostKeyException) {
      return ToolException.environment("the host key of " + where + " is not in " + known
          + "; check its fingerprint and add it (ssh-keyscan, or one interactive ssh), or pass"
          + " --accept-new-host-key to record it on first use", e);
    }
    Throwable cause = e.getCause();
    if (cause instanceof ConnectException) {
      return ToolException.environment("connection refused by " + where + " (is sshd listening on port "
          + target.port() + "?)", e);
    }
    if (cause instanceof UnknownHostException) {
      return ToolException.environment("unknown host " + target.host() + " (DNS lookup failed)", e);
    }
    if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException
        || String.valueOf(e.getMessage()).contains("timeout")) {
      return ToolException.environment("cannot reach " + where + ": " + e.getMessage(), e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
      return ToolException.environment("authentication refused by " + where + " for user " + target.user()
          + " with key " + target.identity().map(Object::toString).orElse("(none found in ~/.ssh)")
          + "; check -i KEY and the remote authorized_keys", e);
    }
    if (message.contains("invalid privatekey") || message.contains("USERAUTH fail")) {
      return ToolException.environment("cannot use the private key "
          + target.identity().map(Object::toString).orElse("") + ": " + message, e);
    }
    return ToolException.environment("SSH connection to " + where + " failed: " + message, e);
  }

  /**
   * A channel ({@code what}: a remote command, an SFTP session) that did not start. JSch says "channel is not
   * opened." both when the server refused it (OpenSSH refuses any beyond its {@code MaxSessions}; the answer comes
   * at once) and when no answer came within the timeout: only the first, on a connection still up, is told as a
   * refusal.
   */
  static ToolException channelNotStarted(SshTarget target, String what, JSchException e, boolean connected,
      boolean answered, Duration timeout) {
    if (!connected) {
      return lost(target, "starting " + what, e);
    }
    if (!answered) {
      return ToolException.environment(target.display() + " did not start " + what + " within "
          + timeout.toSeconds() + " s (" + e.getMessage() + "); is the connection or the server stalled?", e);
    }
    if (String.valueOf(e.getMessage()).startsWith("channel is not opened")) {
      return ToolException.environment(target.display() + " refused to run one more command on this SSH"
          + " connection (" + e.getMessage() + "); the tools run up to " + MIN_SESSIONS + " at once on one"
          + " connection: allow that many with MaxSessions in its sshd_config (OpenSSH's default is 10)", e);
    }
    return lost(target, "starting " + what, e);
  }

  static ToolException lost(SshTarget target, String what, Exception e) {
    return ToolException.environment("SSH connection to " + target.display() + " lost while " + what + ": "
        + e.getMessage(), e);
  }
}
