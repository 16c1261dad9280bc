package io.pryv.migration.ssh;

/**
 * A local port forward over an {@link SshConnection}: a connection to 127.0.0.1 at {@link
 * #localPort()} reaches the host and port named when it was opened, as seen from the SSH server.
 * Closing cancels it; closing the connection cancels those still open.
 */
public interface PortForward extends AutoCloseable {
  /** The port on 127.0.0.1 where this machine connects. */
  int localPort();

  /** Stops listening; never throws (a connection gone has no forward left to cancel). */
  @Override
  void close();
}
