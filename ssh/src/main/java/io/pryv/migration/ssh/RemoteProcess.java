package io.pryv.migration.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A command running on the remote host, its streams open: write {@link #stdin()} (closing it sends
 * EOF), read {@link #stdout()} and {@link #stderr()} (both must be drained, or the remote side
 * stalls), then {@link #waitFor(Duration)} for its exit status. The same whichever way the command
 * reached the host: a channel of the tool's own SSH session, or an {@code ssh} child process
 * through an OpenSSH master connection.
 */
public interface RemoteProcess extends AutoCloseable {
  OutputStream stdin();

  InputStream stdout();

  InputStream stderr();

  /**
   * The remote exit status once the command has ended. A command killed by a signal or ended
   * without status gives -1 over the tool's own session. Throws an environment error when the time
   * is up (the command is then stopped) or the connection failed.
   */
  int waitFor(Duration timeout) throws InterruptedException;

  /** Stops the command when still running (the remote command gets SIGHUP/EOF). */
  @Override
  void close();
}
