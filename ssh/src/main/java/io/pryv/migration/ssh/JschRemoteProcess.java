package io.pryv.migration.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Session;
import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** A remote command on an exec channel of the tool's own JSch session. */
final class JschRemoteProcess implements RemoteProcess {
  private static final long POLL_MILLIS = 5;

  private final ChannelExec channel;
  private final Session session;
  private final String description;
  private final OutputStream stdin;
  private final InputStream stdout;
  private final InputStream stderr;

  JschRemoteProcess(
      ChannelExec channel,
      Session session,
      String description,
      OutputStream stdin,
      InputStream stdout,
      InputStream stderr) {
    this.channel = channel;
    this.session = session;
    this.description = description;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public OutputStream stdin() {
    return stdin;
  }

  @Override
  public InputStream stdout() {
    return stdout;
  }

  @Override
  public InputStream stderr() {
    return stderr;
  }

  /** The exit status once the channel has closed; the channel is closed when the time is up. */
  @Override
  public int waitFor(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    // JSch offers no blocking wait for the channel close; its own examples poll the same way.
    while (!channel.isClosed()) {
      if (System.nanoTime() > deadline) {
        channel.disconnect();
        throw ToolException.environment(
            "remote command did not finish within " + timeout.toSeconds() + " s: " + description);
      }
      if (!session.isConnected()) {
        throw ToolException.environment("SSH connection lost while running: " + description);
      }
      Thread.sleep(POLL_MILLIS);
    }
    return channel.getExitStatus();
  }

  /** Closes the channel (the remote command gets SIGHUP/EOF when still running). */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // the channel is going away anyway
    }
    channel.disconnect();
  }
}
