package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSchException;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A channel that did not start is told apart by what JSch knew: the same message covers three
 * causes.
 */
class SshErrorsTest {
  private static final SshTarget TARGET = SshTarget.parse("pryv@127.0.0.1");
  private static final JSchException NOT_OPENED = new JSchException("channel is not opened.");
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String COMMAND = "a remote command";

  @Test
  void aRefusalOnALiveConnectionNamesMaxSessions() {
    String message =
        SshErrors.channelNotStarted(TARGET, COMMAND, NOT_OPENED, true, true, TIMEOUT).getMessage();
    assertTrue(
        message.contains("refused to run one more command") && message.contains("MaxSessions"),
        message);
  }

  @Test
  void noAnswerWithinTheTimeoutIsNotCalledARefusal() {
    String message =
        SshErrors.channelNotStarted(TARGET, COMMAND, NOT_OPENED, true, false, TIMEOUT).getMessage();
    assertTrue(message.contains("did not start a remote command within 20 s"), message);
    assertFalse(message.contains("MaxSessions"), message);
  }

  @Test
  void aConnectionThatWentDownIsLost() {
    String message =
        SshErrors.channelNotStarted(
                TARGET, COMMAND, new JSchException("session is down"), false, true, TIMEOUT)
            .getMessage();
    assertTrue(message.contains("lost while starting a remote command"), message);
  }

  @Test
  void anUnreachableHostIsToldAsNoRouteOrTimedOut() {
    String noRoute =
        SshErrors.connect(
                TARGET,
                new JSchException(
                    "Session.connect: java.net.NoRouteToHostException",
                    new java.net.NoRouteToHostException("No route to host")),
                TIMEOUT)
            .getMessage();
    assertTrue(noRoute.startsWith("cannot reach pryv@127.0.0.1: no route to host"), noRoute);
    String unreachable =
        SshErrors.connect(
                TARGET,
                new JSchException(
                    "Session.connect: x", new java.net.SocketException("Network is unreachable")),
                TIMEOUT)
            .getMessage();
    assertTrue(unreachable.contains("no route to host (Network is unreachable)"), unreachable);
    String timedOut =
        SshErrors.connect(
                TARGET,
                new JSchException(
                    "Session.connect: x", new java.net.SocketTimeoutException("Connect timed out")),
                TIMEOUT)
            .getMessage();
    assertTrue(timedOut.startsWith("cannot reach pryv@127.0.0.1: timed out after 20 s"), timedOut);
    String noGreeting =
        SshErrors.connect(
                TARGET,
                new JSchException(
                    "Session.connect: x", new java.net.SocketTimeoutException("Read timed out")),
                TIMEOUT)
            .getMessage();
    assertTrue(noGreeting.contains("no SSH greeting came within 20 s (timed out"), noGreeting);
    String closed =
        SshErrors.connect(
                TARGET, new JSchException("connection is closed by foreign host"), TIMEOUT)
            .getMessage();
    assertTrue(closed.contains("closed before any SSH greeting (no route to the host"), closed);
    assertFalse(closed.contains("foreign host"), closed);
  }

  @Test
  void anotherFailureOnALiveConnectionKeepsJSchsWords() {
    JSchException other = new JSchException("failed to send channel request");
    String message =
        SshErrors.channelNotStarted(TARGET, COMMAND, other, true, true, TIMEOUT).getMessage();
    assertTrue(
        message.contains("failed to send channel request") && !message.contains("MaxSessions"),
        message);
  }

  /** What ssh says when its master ends before answering, told as JSch's failures are. */
  @Test
  void whatAnOwnMasterSaidIsOneLineWithWhatToDo() {
    String unknown =
        "No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict"
            + " checking.\r\nHost key verification failed.\r\n";
    String changed =
        "@@@@@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n"
            + "Host key for [127.0.0.1]:2222 has changed and you have requested strict checking.\r\n"
            + "Host key verification failed.\r\n";
    assertMaster(unknown, ExitCode.ENVIRONMENT, "is not in", "--accept-new-host-key");
    assertMaster(changed, ExitCode.ENVIRONMENT, "has CHANGED", "ssh-keygen -R");
    assertMaster(
        "pryv@127.0.0.1: Permission denied (publickey).\r\n",
        ExitCode.ENVIRONMENT,
        "authentication refused by pryv@127.0.0.1",
        "Permission denied (publickey).)");
    assertMaster(
        "ssh: connect to host 127.0.0.1 port 1: Connection refused\r\n",
        ExitCode.ENVIRONMENT,
        "connection refused by",
        "is sshd listening");
    assertMaster(
        "Connection timed out during banner exchange\r\nConnection to 10.0.0.1 port 22 timed"
            + " out\r\n",
        ExitCode.ENVIRONMENT,
        "timed out after 20 s",
        "--connect-timeout");
    assertMaster(
        "ssh: Could not resolve hostname nowhere: Name or service not known\r\n",
        ExitCode.ENVIRONMENT,
        "unknown host",
        "DNS");
    assertMaster(
        "kex_exchange_identification: read: Connection reset by peer\r\n",
        ExitCode.ENVIRONMENT,
        "failed: kex_exchange_identification: read: Connection reset by peer",
        "SSH connection to");
  }

  private static void assertMaster(String said, ExitCode code, String... parts) {
    ToolException e = SshErrors.masterFailed(TARGET, said, TIMEOUT);
    assertEquals(code, e.exitCode());
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }
}
