package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSchException;
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
}
