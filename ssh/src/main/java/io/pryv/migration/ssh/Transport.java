package io.pryv.migration.ssh;

import java.util.Optional;

/**
 * How an {@link SshConnection} starts commands on the host: channels of the tool's own JSch session
 * ({@link JschTransport}), or {@code ssh} child processes through an OpenSSH master connection
 * already open ({@link ControlMasterTransport}).
 */
interface Transport extends AutoCloseable {
  /** Starts an already quoted shell line with its three streams open. */
  RemoteProcess start(String line);

  boolean isConnected();

  /**
   * Listens on 127.0.0.1 at a free port and forwards each connection there to {@code host:port} as
   * the server sees it; an environment error in one line when the forward cannot be set up.
   */
  PortForward forward(String host, int port);

  /** Whether the data is encrypted in this JVM (JSch) rather than by another process. */
  boolean encryptsHere();

  /** {@code [host]:port type} when connecting recorded a new host key (accept-new). */
  Optional<String> acceptedNewHostKey();

  @Override
  void close();
}
