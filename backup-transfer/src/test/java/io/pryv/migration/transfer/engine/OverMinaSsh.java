package io.pryv.migration.transfer.engine;

import io.pryv.migration.ssh.SshConnection;
import io.pryv.migration.ssh.testing.MinaSshServer;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that drive the far side's scripts through one SSH connection to an in-JVM MINA server (this
 * machine's sh).
 */
abstract class OverMinaSsh {
  /** An mtime far in the past, to see whether a file at its final name was rewritten. */
  static final FileTime OLD_TIME = FileTime.fromMillis(1_500_000_000_000L);

  static MinaSshServer server;
  static SshConnection ssh;

  @BeforeAll
  static void startServer(@TempDir Path dir) throws Exception {
    server = MinaSshServer.start(dir);
    ssh = SshConnection.open(server.target(), Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (ssh != null) {
      ssh.close();
    }
    server.close();
  }
}
