package io.pryv.migration.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code --openssh}: the commands go through an OpenSSH master the tool opened for itself ({@link
 * OwnMaster}), as they go through someone else's with {@code --ssh-control}; closing ends the
 * master too.
 */
final class OwnMasterTransport implements Transport {
  private final OwnMaster master;
  private final ControlMasterTransport commands;

  private OwnMasterTransport(OwnMaster master, ControlMasterTransport commands) {
    this.master = master;
    this.commands = commands;
  }

  /** Opens the master (its socket in a private folder under {@code base}) and waits for it. */
  static OwnMasterTransport open(
      SshTarget target, Duration connectTimeout, boolean compress, Path base) {
    OwnMaster master = OwnMaster.open(target, connectTimeout, compress, base);
    return new OwnMasterTransport(
        master, ControlMasterTransport.through(master.target(), connectTimeout));
  }

  OwnMaster master() {
    return master;
  }

  @Override
  public RemoteProcess start(String line) {
    return commands.start(line);
  }

  @Override
  public boolean isConnected() {
    return master.isAlive();
  }

  /** ssh encrypts. */
  @Override
  public boolean encryptsHere() {
    return false;
  }

  @Override
  public Optional<String> acceptedNewHostKey() {
    return master.acceptedNewHostKey();
  }

  /** Stops the commands still running, then ends the master. */
  @Override
  public void close() {
    try {
      commands.close();
    } finally {
      master.close();
    }
  }
}
