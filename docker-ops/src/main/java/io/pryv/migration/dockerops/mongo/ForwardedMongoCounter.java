package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.ssh.PortForward;
import java.util.SortedMap;

/**
 * The driver at a container's address on the {@code --host}, reached through a local port forward
 * over the SSH connection: counts as {@code driver} does (at 127.0.0.1 and the forward's port),
 * named by the address it reaches. A failed connect or count cancels the forward (the shell counts
 * then); else it lasts as long as the connection.
 */
final class ForwardedMongoCounter implements LiveMongoCounter {
  private final DriverMongoCounter driver;
  private final PortForward forward;
  private final String reached;

  ForwardedMongoCounter(PortForward forward, String address, String port) {
    this.driver = DriverMongoCounter.container("127.0.0.1", Integer.toString(forward.localPort()));
    this.forward = forward;
    this.reached = address + ":" + port;
  }

  @Override
  public void connect() {
    try {
      driver.connect();
    } catch (RuntimeException e) {
      forward.close();
      throw e;
    }
  }

  @Override
  public SortedMap<String, Long> count(String database) {
    try {
      return driver.count(database);
    } catch (RuntimeException e) {
      forward.close();
      throw e;
    }
  }

  @Override
  public String description() {
    return "the MongoDB driver at "
        + reached
        + " over an SSH forward (127.0.0.1:"
        + forward.localPort()
        + ")";
  }
}
