package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.testing.OpenSshMaster;
import io.pryv.migration.ssh.testing.OpenSshServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands through an OpenSSH master connection ({@code --ssh-control}) to a real sshd. */
class ControlMasterIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static OpenSshServer sshd;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    sshd = OpenSshServer.start(dir);
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  private static SshTarget through(OpenSshMaster master) {
    return through(master.controlPath());
  }

  private static SshTarget through(String controlPath) {
    return sshd.target().withControlPath(Optional.of(controlPath));
  }

  private static String clientAddress(SshConnection ssh) {
    return ssh.exec(List.of("sh", "-c", "echo \"$SSH_CONNECTION\""), TIMEOUT).stdout().strip();
  }

  /** Both connections are the master's one TCP connection (same client port); JSch has its own. */
  @Test
  void commandsGoThroughTheMasterWithTheirOutputAndExitStatus(@TempDir Path dir) throws Exception {
    try (OpenSshMaster master = OpenSshMaster.open(sshd, dir)) {
      List<String> notes = new ArrayList<>();
      String first;
      try (SshConnection ssh = SshConnection.open(through(master), TIMEOUT, false, notes::add)) {
        ProcessRunner.Result result =
            ssh.exec(
                List.of("sh", "-c", "printf '%s\\n' \"$1\"; echo warned >&2; exit 3", "sh", "x; y"),
                TIMEOUT);
        assertEquals(3, result.exitCode());
        assertEquals("x; y\n", result.stdout());
        assertEquals("warned\n", result.stderr());
        assertEquals(
            "a 'quoted' $(id)\n",
            ssh.exec(List.of("printf", "%s\n", "a 'quoted' $(id)"), TIMEOUT).stdout());
        Path folder = Files.createDirectories(dir.resolve("a dir"));
        assertEquals(
            folder.toRealPath().toString(),
            new SshProcessRunner(ssh).run(List.of("pwd"), folder, TIMEOUT).stdout().strip());
        first = clientAddress(ssh);
      }
      try (SshConnection again = SshConnection.open(through(master), TIMEOUT, false, notes::add);
          SshConnection own = SshConnection.open(sshd.target(), TIMEOUT)) {
        assertEquals(first, clientAddress(again));
        assertNotEquals(first, clientAddress(own));
      }
      assertEquals(List.of(), notes, "a master that answers is used without a word");
      assertTrue(master.answers(), "closing the tool's connection leaves the master open");
    }
  }

  @Test
  void aStreamedCommandPassesSeveralMegabytesBothWays(@TempDir Path dir) throws Exception {
    byte[] data = new byte[6 * 1024 * 1024 + 123];
    new Random(7).nextBytes(data);
    try (OpenSshMaster master = OpenSshMaster.open(sshd, dir);
        SshConnection ssh = SshConnection.open(through(master), TIMEOUT, false, note -> {});
        RemoteProcess cat = ssh.start(List.of("cat"))) {
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try (OutputStream in = cat.stdin()) {
                  for (int offset = 0; offset < data.length; offset += 100_000) {
                    in.write(data, offset, Math.min(100_000, data.length - offset));
                  }
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      byte[] back = cat.stdout().readAllBytes();
      writing.join();
      assertEquals(0, cat.stderr().readAllBytes().length);
      assertEquals(0, cat.waitFor(TIMEOUT));
      assertArrayEquals(data, back);
    }
  }

  @Test
  void aCommandPastItsTimeIsStoppedWithOneLine(@TempDir Path dir) throws Exception {
    try (OpenSshMaster master = OpenSshMaster.open(sshd, dir);
        SshConnection ssh = SshConnection.open(through(master), TIMEOUT, false, note -> {})) {
      RemoteProcess sleep = ssh.start(List.of("sleep", "30"));
      long start = System.nanoTime();
      ToolException late =
          assertThrows(ToolException.class, () -> sleep.waitFor(Duration.ofSeconds(1)));
      assertEquals(ExitCode.ENVIRONMENT, late.exitCode());
      assertTrue(late.getMessage().contains("did not finish within 1 s"), late.getMessage());
      assertEquals(-1, sleep.stdout().read(), "ssh was stopped: its output ends");
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
      sleep.close();
      assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
    }
  }

  /** ssh's own 255 is no remote exit status: one environment line naming the master. */
  @Test
  void sshFailingIsAnEnvironmentErrorNamingTheMaster(@TempDir Path dir) throws Exception {
    try (OpenSshMaster master = OpenSshMaster.open(sshd, dir);
        SshConnection ssh = SshConnection.open(through(master), TIMEOUT, false, note -> {})) {
      ToolException failed =
          assertThrows(
              ToolException.class, () -> ssh.exec(List.of("sh", "-c", "kill -9 $$"), TIMEOUT));
      assertEquals(ExitCode.ENVIRONMENT, failed.exitCode());
      assertTrue(
          failed.getMessage().contains("through the master at " + master.controlPath()),
          failed.getMessage());
      assertFalse(failed.getMessage().contains("\n"), failed.getMessage());
    }
  }

  @Test
  void noSocketThereFallsBackToJschAndSaysSo(@TempDir Path dir) {
    String missing = dir.resolve("nothing-here").toString();
    List<String> notes = new ArrayList<>();
    try (SshConnection ssh = SshConnection.open(through(missing), TIMEOUT, false, notes::add)) {
      assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
    }
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(
        notes.get(0).startsWith("no SSH master connection answers at " + missing)
            && notes.get(0).contains("No such file or directory")
            && notes.get(0).endsWith("on its own"),
        notes.get(0));
  }

  /** A master killed without cleaning up leaves its socket: nobody answers there. */
  @Test
  void aStaleSocketFallsBackToJschAndSaysSo(@TempDir Path dir) throws Exception {
    OpenSshMaster master = OpenSshMaster.open(sshd, dir);
    master.kill();
    try (var sockets = Files.list(dir)) {
      assertEquals(1, sockets.count(), "the socket file stays behind");
    }
    List<String> notes = new ArrayList<>();
    try (SshConnection ssh = SshConnection.open(through(master), TIMEOUT, false, notes::add)) {
      assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
    }
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("Connection refused"), notes.get(0));
  }

  /**
   * The master gone after the check: ssh connects on its own for each command, with the target's
   * key and known_hosts.
   */
  @Test
  void aMasterGoneMidRunLeavesEachCommandToConnectOnItsOwn(@TempDir Path dir) throws Exception {
    OpenSshMaster master = OpenSshMaster.open(sshd, dir);
    try (SshConnection ssh = SshConnection.open(through(master), TIMEOUT, false, note -> {})) {
      String shared = clientAddress(ssh);
      master.close();
      assertFalse(master.answers());
      ProcessRunner.Result alone =
          ssh.exec(List.of("sh", "-c", "echo \"$SSH_CONNECTION\""), TIMEOUT);
      assertEquals(0, alone.exitCode());
      assertNotEquals(shared, alone.stdout().strip());
    }
  }

  /** Closing the connection stops what still runs, as closing a JSch session does. */
  @Test
  void closingTheConnectionStopsItsCommands(@TempDir Path dir) throws Exception {
    try (OpenSshMaster master = OpenSshMaster.open(sshd, dir)) {
      SshConnection ssh = SshConnection.open(through(master), TIMEOUT, false, note -> {});
      RemoteProcess cat = ssh.start(List.of("cat"));
      ssh.close();
      assertEquals(-1, cat.stdout().read());
      assertFalse(ssh.isConnected());
      assertTrue(master.answers());
    }
  }
}
