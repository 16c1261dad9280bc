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

  /** Whether the data is encrypted in this JVM (JSch) rather than by another process. */
  boolean encryptsHere();

  /** {@code [host]:port type} when connecting recorded a new host key (accept-new). */
  Optional<String> acceptedNewHostKey();

  @Override
  void close();
}
