package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.testing.OpenSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real OpenSSH sshd with the runbook's key type (rsa 4096, OpenSSH format) and ed25519.
 */
class SshConnectionIT {
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

  @Test
  void rsa4096KeyLogsInAndRunsArgumentLists(@TempDir Path dir) throws Exception {
    assertTrue(
        RsaCrtIdentity.load(sshd.rsaKey()).isPresent(), "ssh-keygen's RSA key is signed with CRT");
    Path folder = Files.createDirectories(dir.resolve("a 'quoted' dir"));
    try (SshConnection ssh = SshConnection.open(sshd.target(sshd.rsaKey()), TIMEOUT)) {
      ProcessRunner.Result result = ssh.exec(List.of("printf", "%s\n", "x; y", "$(id)"), TIMEOUT);
      assertEquals("x; y\n$(id)\n", result.stdout());
      ProcessRunner.Result pwd = new SshProcessRunner(ssh).run(List.of("pwd"), folder, TIMEOUT);
      assertEquals(folder.toRealPath().toString(), pwd.stdout().strip());
    }
  }

  /** OpenSSH's MaxSessions below what the tools need: the error says which setting to change. */
  @Test
  void aRefusedChannelNamesMaxSessions(@TempDir Path dir) throws Exception {
    try (OpenSshServer strict = OpenSshServer.start(dir, 1);
        SshConnection ssh = SshConnection.open(strict.target(strict.rsaKey()), TIMEOUT);
        RemoteProcess first = ssh.start(List.of("cat"))) {
      ToolException refused = assertThrows(ToolException.class, () -> ssh.start(List.of("true")));
      assertTrue(
          refused.getMessage().contains("refused to run one more command")
              && refused.getMessage().contains("MaxSessions"),
          refused.getMessage());
      first.stdin().close();
      assertEquals(0, first.waitFor(TIMEOUT), "the connection is still usable");
    }
  }

  /** ssh-keygen's PEM (PKCS#1) output of the same key, as older installs have it. */
  @Test
  void rsa4096PemKeyLogsIn(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("id_rsa_pem");
    Files.copy(sshd.rsaKey(), pem);
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-p", "-m", "PEM", "-N", "", "-P", "", "-f", pem.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, keygen.waitFor(), output);
    assertTrue(Files.readString(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    assertTrue(RsaCrtIdentity.load(pem).isPresent());
    try (SshConnection ssh = SshConnection.open(sshd.target(pem), TIMEOUT)) {
      assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
    }
  }

  @Test
  void ed25519KeyLogsIn() {
    try (SshConnection ssh = SshConnection.open(sshd.target(sshd.ed25519Key()), TIMEOUT)) {
      assertEquals(3, ssh.exec(List.of("sh", "-c", "exit 3"), TIMEOUT).exitCode());
    }
  }

  @Test
  void hostKeyMismatchIsRefused(@TempDir Path dir) throws Exception {
    // Record the client's own ed25519 public key as if it were the host's: same type, different
    // key.
    String wrongKey = Files.readString(Path.of(sshd.ed25519Key() + ".pub")).strip().split(" ")[1];
    Path knownHosts =
        Files.writeString(
            dir.resolve("known_hosts"),
            "[127.0.0.1]:" + sshd.port() + " ssh-ed25519 " + wrongKey + "\n");
    SshTarget target =
        new SshTarget(
            sshd.user(),
            sshd.host(),
            sshd.port(),
            Optional.of(sshd.rsaKey()),
            Optional.of(knownHosts),
            true);
    ToolException e = assertThrows(ToolException.class, () -> SshConnection.open(target, TIMEOUT));
    assertTrue(e.getMessage().contains("CHANGED"), e.getMessage());
  }

  @Test
  void acceptNewAddsAKeyThatOpenSshUnderstands(@TempDir Path dir) throws Exception {
    Path knownHosts = dir.resolve("known_hosts");
    SshTarget target =
        new SshTarget(
            sshd.user(),
            sshd.host(),
            sshd.port(),
            Optional.of(sshd.rsaKey()),
            Optional.of(knownHosts),
            true);
    try (SshConnection ssh = SshConnection.open(target, TIMEOUT)) {
      assertTrue(ssh.acceptedNewHostKey().isPresent());
    }
    assertEquals(
        "[127.0.0.1]:" + sshd.port() + " " + sshd.hostPublicKey(),
        Files.readString(knownHosts).strip());
  }
}
