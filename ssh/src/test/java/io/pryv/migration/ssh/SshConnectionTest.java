package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.testing.MinaSshServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against an in-JVM MINA SSHD server: exec, streams, exit codes and the host key policy. */
class SshConnectionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static MinaSshServer server;

  @BeforeAll
  static void startServer(@TempDir Path dir) throws Exception {
    server = MinaSshServer.start(dir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void execPassesArgumentsLiterally() {
    try (SshConnection ssh = SshConnection.open(server.target(), TIMEOUT)) {
      ProcessRunner.Result result =
          ssh.exec(List.of("printf", "%s|", "a b", "$HOME", "it's", "; echo pwned"), TIMEOUT);
      assertEquals(0, result.exitCode());
      assertEquals("a b|$HOME|it's|; echo pwned|", result.stdout());
    }
  }

  @Test
  void execReportsExitStatusAndStderr() {
    try (SshConnection ssh = SshConnection.open(server.target(), TIMEOUT)) {
      ProcessRunner.Result result = ssh.exec(List.of("sh", "-c", "echo oops >&2; exit 7"), TIMEOUT);
      assertEquals(7, result.exitCode());
      assertEquals("oops\n", result.stderr());
    }
  }

  @Test
  void processRunnerChangesDirectory(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("with space"));
    try (SshConnection ssh = SshConnection.open(server.target(), TIMEOUT)) {
      ProcessRunner.Result result = new SshProcessRunner(ssh).run(List.of("pwd"), folder, TIMEOUT);
      assertEquals(folder.toRealPath().toString(), result.stdout().strip());
    }
  }

  /**
   * A reader slower than the network, taking large chunks: JSch's own growable stdout pipe dropped
   * 64 KiB here (seen with docker-ops reading a dump through cat), so the connection must deliver
   * every byte in order.
   */
  @Test
  void slowReaderGetsEveryByteOfALargeOutput(@TempDir Path dir) throws Exception {
    byte[] data = new byte[2 * 1024 * 1024 + 5];
    new Random(7).nextBytes(data);
    Path file = dir.resolve("data.bin");
    Files.write(file, data);
    try (SshConnection ssh = SshConnection.open(server.target(), TIMEOUT)) {
      for (int round = 0; round < 3; round++) {
        try (RemoteProcess cat = ssh.start(List.of("cat", "--", file.toString()))) {
          cat.stdin().close();
          java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
          byte[] chunk = new byte[64 * 1024];
          int n;
          int reads = 0;
          while ((n = cat.stdout().read(chunk)) >= 0) {
            received.write(chunk, 0, n);
            if (reads++ % 4 == 0) {
              Thread.sleep(15); // let the pipe fill up behind the reader
            }
          }
          assertEquals(0, cat.waitFor(TIMEOUT));
          assertArrayEquals(data, received.toByteArray(), "round " + round);
        }
      }
    }
  }

  @Test
  void streamsStdinToStdout() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(data);
    try (SshConnection ssh = SshConnection.open(server.target(), TIMEOUT);
        RemoteProcess cat = ssh.start(List.of("cat"))) {
      CompletableFuture<byte[]> received =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return cat.stdout().readAllBytes();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try (OutputStream in = cat.stdin()) {
        in.write(data);
      }
      assertArrayEquals(data, received.get());
      assertEquals(0, cat.waitFor(TIMEOUT));
    }
  }

  /**
   * Both RSA formats are signed by our CRT identity (checked by loading it), and the server accepts
   * it.
   */
  @Test
  void rsaKeyInOpenSshAndPemFormatLogsIn(@TempDir Path dir) throws Exception {
    KeyPair rsa = KeyPair.genKeyPair(new JSch(), KeyPair.RSA, 3072);
    Path openSsh = dir.resolve("id_rsa");
    Path pem = dir.resolve("id_rsa.pem");
    rsa.writeOpenSSHv1PrivateKey(openSsh.toString());
    rsa.writePrivateKey(pem.toString());
    ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
    rsa.writePublicKey(publicKey, "rsa-test");
    rsa.dispose();
    Files.write(server.authorizedKeys(), publicKey.toByteArray(), StandardOpenOption.APPEND);
    for (Path key : List.of(openSsh, pem)) {
      assertTrue(RsaCrtIdentity.load(key).isPresent(), key.toString());
      SshTarget target =
          new SshTarget(
              server.user(),
              "127.0.0.1",
              server.port(),
              Optional.of(key),
              Optional.of(server.knownHosts()),
              false);
      try (SshConnection ssh = SshConnection.open(target, TIMEOUT)) {
        assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout(), key.toString());
      }
    }
  }

  @Test
  void unknownHostIsRefused(@TempDir Path dir) throws Exception {
    Path emptyKnownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    SshTarget target = withKnownHosts(emptyKnownHosts, false);
    ToolException e = assertThrows(ToolException.class, () -> SshConnection.open(target, TIMEOUT));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(e.getMessage().contains("is not in"), e.getMessage());
    assertEquals("", Files.readString(emptyKnownHosts));
  }

  @Test
  void acceptNewRecordsTheKeyThenChecksIt(@TempDir Path dir) throws Exception {
    Path knownHosts = dir.resolve("sub").resolve("known_hosts");
    try (SshConnection ssh = SshConnection.open(withKnownHosts(knownHosts, true), TIMEOUT)) {
      assertTrue(ssh.acceptedNewHostKey().isPresent());
    }
    assertEquals(
        Files.readString(server.knownHosts()).strip(), Files.readString(knownHosts).strip());
    try (SshConnection ssh = SshConnection.open(withKnownHosts(knownHosts, false), TIMEOUT)) {
      assertTrue(ssh.acceptedNewHostKey().isEmpty());
      assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
    }
  }

  @Test
  void changedHostKeyIsRefusedEvenWithAcceptNew(@TempDir Path dir) throws Exception {
    // A different, valid EC key recorded for the same [host]:port.
    MinaSshServer other = MinaSshServer.start(dir.resolve("other"));
    String otherKey = Files.readString(other.knownHosts()).strip().split(" ", 2)[1];
    other.close();
    Path knownHosts =
        Files.writeString(
            dir.resolve("known_hosts"), "[127.0.0.1]:" + server.port() + " " + otherKey + "\n");
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> SshConnection.open(withKnownHosts(knownHosts, true), TIMEOUT));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(e.getMessage().contains("CHANGED"), e.getMessage());
  }

  @Test
  void wrongKeyIsRefusedAsAuthentication(@TempDir Path dir) throws Exception {
    MinaSshServer other = MinaSshServer.start(dir.resolve("other"));
    other.close();
    SshTarget target =
        new SshTarget(
            server.user(),
            "127.0.0.1",
            server.port(),
            Optional.of(other.clientKey()),
            Optional.of(server.knownHosts()),
            false);
    ToolException e = assertThrows(ToolException.class, () -> SshConnection.open(target, TIMEOUT));
    assertTrue(e.getMessage().startsWith("authentication refused"), e.getMessage());
  }

  @Test
  void anUnusableKeyFileIsOneLineAboutTheKey(@TempDir Path dir) throws Exception {
    Path garbage =
        Files.writeString(
            dir.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n");
    SshTarget target =
        new SshTarget(
            server.user(),
            "127.0.0.1",
            server.port(),
            Optional.of(garbage),
            Optional.of(server.knownHosts()),
            false);
    ToolException e = assertThrows(ToolException.class, () -> SshConnection.open(target, TIMEOUT));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(e.getMessage().startsWith("cannot use the private key " + garbage), e.getMessage());
  }

  @Test
  void connectionRefusedIsOneLine() throws Exception {
    int closedPort = io.pryv.migration.common.testing.FreePorts.find();
    SshTarget target = onPort(server.target(), closedPort);
    ToolException e = assertThrows(ToolException.class, () -> SshConnection.open(target, TIMEOUT));
    assertTrue(e.getMessage().startsWith("connection refused"), e.getMessage());
  }

  @Test
  void aPeerThatClosesBeforeTheGreetingIsNotCalledAForeignHost() throws Exception {
    // What a NAT gateway or proxy that accepts every connection does for an address it cannot
    // route.
    try (java.net.ServerSocket listener =
        new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      Thread closer =
          new Thread(
              () -> {
                try (java.net.Socket accepted = listener.accept()) {
                  accepted.getInputStream().read();
                } catch (java.io.IOException e) {
                  // the client went first
                }
              });
      closer.start();
      ToolException e =
          assertThrows(
              ToolException.class,
              () -> SshConnection.open(onPort(server.target(), listener.getLocalPort()), TIMEOUT));
      closer.join();
      assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "cannot reach an SSH server at "
                      + server.user()
                      + "@127.0.0.1 port "
                      + listener.getLocalPort()
                      + ": the connection was closed before any SSH greeting (no route"),
          e.getMessage());
    }
  }

  @Test
  void aPeerThatNeverGreetsTimesOut() throws Exception {
    try (java.net.ServerSocket listener =
        new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      ToolException e =
          assertThrows(
              ToolException.class,
              () ->
                  SshConnection.open(
                      onPort(server.target(), listener.getLocalPort()), Duration.ofSeconds(1)));
      assertTrue(
          e.getMessage().contains("no SSH greeting came within 1 s (timed out"), e.getMessage());
    }
  }

  private static SshTarget withKnownHosts(Path knownHosts, boolean acceptNew) {
    return new SshTarget(
        server.user(),
        "127.0.0.1",
        server.port(),
        Optional.of(server.clientKey()),
        Optional.of(knownHosts),
        acceptNew);
  }

  /** The server's target with another port (where no SSH server answers). */
  private static SshTarget onPort(SshTarget target, int port) {
    return new SshTarget(
        target.user(),
        target.host(),
        port,
        target.identity(),
        target.knownHosts(),
        target.acceptNewHostKey());
  }
}
