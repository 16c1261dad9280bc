package io.pryv.migration.ssh;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.ssh.testing.OpenSshMaster;
import io.pryv.migration.ssh.testing.OpenSshServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --openssh}: the connection opens an OpenSSH master of its own to a real sshd. */
class OwnMasterIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static OpenSshServer sshd;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    RequiredPrograms.require("ssh");
    sshd = OpenSshServer.start(dir);
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  private static SshTarget openssh(SshTarget target) {
    return target.withOpenSsh(true, true);
  }

  private static SshConnection open(SshTarget target, Path base) {
    return SshConnection.open(target, TIMEOUT, false, note -> {}, base);
  }

  private static String clientAddress(SshConnection ssh) {
    return ssh.exec(List.of("sh", "-c", "echo \"$SSH_CONNECTION\""), TIMEOUT).stdout().strip();
  }

  /** What the test leaves in {@code base}, and the ssh processes still running under this JVM. */
  private static void assertNothingLeft(Path base) throws IOException {
    try (Stream<Path> left = Files.list(base)) {
      assertEquals(List.of(), left.toList(), "the master's private folder is removed");
    }
    List<String> ssh =
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .map(p -> p.info().commandLine().orElse(""))
            .filter(line -> line.contains(" -M -N "))
            .toList();
    assertEquals(List.of(), ssh, "no master process is left");
  }

  @Test
  void commandsGoThroughTheOwnMasterWithTheirOutputAndExitStatus(@TempDir Path base)
      throws Exception {
    long pid;
    try (SshConnection ssh = open(openssh(sshd.target()), base)) {
      OwnMaster master = ssh.ownMaster().orElseThrow();
      pid = master.pid();
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(master.folder())));
      assertFalse(ssh.encryptsInThisProcess());
      assertTrue(ssh.isConnected());
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
      assertEquals(clientAddress(ssh), clientAddress(ssh), "every command on one TCP connection");
      assertEquals(Optional.empty(), ssh.acceptedNewHostKey());
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertNothingLeft(base);
  }

  @Test
  void aStreamedCommandPassesSeveralMegabytesBothWaysCompressed(@TempDir Path base)
      throws Exception {
    byte[] data = new byte[6 * 1024 * 1024 + 123];
    new Random(7).nextBytes(data);
    try (SshConnection ssh =
            SshConnection.open(openssh(sshd.target()), TIMEOUT, true, note -> {}, base);
        RemoteProcess cat = ssh.start(List.of("cat"))) {
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try (OutputStream in = cat.stdin()) {
                  for (int offset = 0; offset < data.length; offset += 100_000) {
                    in.write(data, offset, Math.min(100_000, data.length - offset));
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      byte[] back = cat.stdout().readAllBytes();
      writing.join();
      assertEquals(0, cat.waitFor(TIMEOUT));
      assertArrayEquals(data, back);
    }
    assertNothingLeft(base);
  }

  @Test
  void anUnknownHostKeyIsRefusedInOneLine(@TempDir Path dir) throws Exception {
    Path base = Files.createDirectory(dir.resolve("b"));
    Path empty = Files.createFile(dir.resolve("known_hosts"));
    ToolException refused =
        assertThrows(ToolException.class, () -> open(openssh(withKnownHosts(empty, false)), base));
    assertOneLine(refused, "is not in " + empty, "--accept-new-host-key");
    assertEquals("", Files.readString(empty), "nothing recorded without accept-new");
    assertNothingLeft(base);
  }

  @Test
  void aChangedHostKeyIsRefusedEvenWithAcceptNew(@TempDir Path dir) throws Exception {
    Path base = Files.createDirectory(dir.resolve("b"));
    Path other = dir.resolve("other_host_key");
    OpenSshServer.newEd25519Key(other);
    Path known = dir.resolve("known_hosts");
    String otherKey = Files.readString(dir.resolve("other_host_key.pub")).strip();
    String line =
        "[127.0.0.1]:" + sshd.port() + " " + otherKey.substring(0, otherKey.lastIndexOf(' '));
    Files.writeString(known, line + "\n");
    ToolException refused =
        assertThrows(ToolException.class, () -> open(openssh(withKnownHosts(known, true)), base));
    assertOneLine(refused, "has CHANGED", "ssh-keygen -R");
    assertEquals(line + "\n", Files.readString(known));
    assertNothingLeft(base);
  }

  @Test
  void acceptNewRecordsTheKeyAndSaysWhichOne(@TempDir Path dir) throws Exception {
    Path base = Files.createDirectory(dir.resolve("b"));
    Path known = Files.createFile(dir.resolve("known_hosts"));
    try (SshConnection ssh = open(openssh(withKnownHosts(known, true)), base)) {
      assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
      assertEquals(
          Optional.of("[127.0.0.1]:" + sshd.port() + " ED25519"), ssh.acceptedNewHostKey());
    }
    assertTrue(Files.readString(known).contains(sshd.hostPublicKey()), Files.readString(known));
    try (SshConnection again = open(openssh(withKnownHosts(known, false)), base)) {
      assertEquals("ok\n", again.exec(List.of("echo", "ok"), TIMEOUT).stdout());
      assertEquals(Optional.empty(), again.acceptedNewHostKey());
    }
    assertNothingLeft(base);
  }

  @Test
  void aKeyTheHostDoesNotKnowIsPermissionDeniedInOneLine(@TempDir Path dir) throws Exception {
    Path base = Files.createDirectory(dir.resolve("b"));
    Path stranger = dir.resolve("stranger");
    OpenSshServer.newEd25519Key(stranger);
    ToolException refused =
        assertThrows(ToolException.class, () -> open(openssh(sshd.target(stranger)), base));
    assertOneLine(
        refused, "authentication refused by", "with key " + stranger, "Permission denied");
    assertNothingLeft(base);
  }

  @Test
  void noServerIsConnectionRefusedInOneLine(@TempDir Path base) throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    ToolException refused =
        assertThrows(ToolException.class, () -> open(openssh(atPort(closed)), base));
    assertOneLine(refused, "connection refused by", "port " + closed);
    assertNothingLeft(base);
  }

  /** A port that accepts the connection and never says a word: ssh's own timeout ends it. */
  @Test
  void aServerThatNeverAnswersTimesOutAndLeavesNothing(@TempDir Path base) throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      ToolException late =
          assertThrows(
              ToolException.class,
              () ->
                  SshConnection.open(
                      openssh(atPort(silent.getLocalPort())),
                      Duration.ofSeconds(1),
                      false,
                      note -> {},
                      base));
      assertOneLine(late, "timed out");
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }
    assertNothingLeft(base);
  }

  /**
   * A server that says its SSH version and then nothing: ssh waits in the key exchange, past its
   * connect timeout; the tool gives up at its own limit and leaves nothing.
   */
  @Test
  void aHandshakeThatNeverEndsIsGivenUpAndLeavesNothing(@TempDir Path base) throws Exception {
    List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ServerSocket stalled = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread greeter =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket client = stalled.accept();
                    held.add(client);
                    client.getOutputStream().write("SSH-2.0-Stalled\r\n".getBytes(UTF_8));
                    client.getOutputStream().flush();
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      greeter.setDaemon(true);
      greeter.start();
      long start = System.nanoTime();
      ToolException late =
          assertThrows(
              ToolException.class,
              () ->
                  SshConnection.open(
                      openssh(atPort(stalled.getLocalPort())),
                      Duration.ofSeconds(1),
                      false,
                      note -> {},
                      base));
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      assertOneLine(late, "cannot connect to", "not connected within 11 s");
      assertTrue(seconds >= 10 && seconds < 20, seconds + " s");
      assertFalse(held.isEmpty(), "ssh reached the server");
    }
    assertNothingLeft(base);
  }

  /** --ssh-control with --openssh: the master given when it answers, else one of its own. */
  @Test
  void aGivenMasterFirstElseAnOwnOne(@TempDir Path dir) throws Exception {
    Path base = Files.createDirectory(dir.resolve("b"));
    Path masters = Files.createDirectory(dir.resolve("m"));
    List<String> notes = new ArrayList<>();
    try (OpenSshMaster given = OpenSshMaster.open(sshd, masters)) {
      SshTarget target = openssh(sshd.target()).withControlPath(Optional.of(given.controlPath()));
      try (SshConnection ssh = SshConnection.open(target, TIMEOUT, false, notes::add, base)) {
        assertEquals(Optional.empty(), ssh.ownMaster(), "the given master answers");
        assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
      }
      assertTrue(given.answers());
    }
    SshTarget gone =
        openssh(sshd.target()).withControlPath(Optional.of(masters.resolve("none").toString()));
    try (SshConnection ssh = SshConnection.open(gone, TIMEOUT, false, notes::add, base)) {
      assertTrue(ssh.ownMaster().isPresent(), "no master there: one of its own, not JSch");
      assertEquals("ok\n", ssh.exec(List.of("echo", "ok"), TIMEOUT).stdout());
    }
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("no SSH master connection answers"), notes.get(0));
    assertNothingLeft(base);
  }

  /** A JVM whose PATH has no ssh: one environment line, no JSch connection instead. */
  @Test
  void withoutSshOnThePathOneLineAndNoFallback(@TempDir Path base) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OpenWithoutSsh.class.getName(),
                sshd.user(),
                Integer.toString(sshd.port()),
                sshd.rsaKey().toString(),
                sshd.knownHosts().toString(),
                base.toString())
            .redirectErrorStream(true);
    builder.environment().put("PATH", base.toString());
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes()).strip();
    assertEquals(0, child.waitFor(), output);
    assertTrue(output.startsWith("4 --openssh: cannot run ssh"), output);
    assertTrue(output.contains("leave out --openssh"), output);
    assertFalse(output.contains("\n"), output);
    assertNothingLeft(base);
  }

  /** Connects with --openssh and prints the exit code and message of the failure. */
  public static final class OpenWithoutSsh {
    public static void main(String[] args) {
      SshTarget target =
          new SshTarget(
                  args[0],
                  OpenSshServer.HOST,
                  Integer.parseInt(args[1]),
                  Optional.of(Path.of(args[2])),
                  Optional.of(Path.of(args[3])),
                  false)
              .withOpenSsh(true, true);
      try (SshConnection ssh =
          SshConnection.open(target, TIMEOUT, false, note -> {}, Path.of(args[4]))) {
        System.out.println("connected: " + ssh.encryptsInThisProcess());
      } catch (ToolException e) {
        System.out.println(e.exitCode().code() + " " + e.getMessage());
      }
    }
  }

  private static SshTarget withKnownHosts(Path known, boolean acceptNew) {
    SshTarget t = sshd.target();
    return new SshTarget(t.user(), t.host(), t.port(), t.identity(), Optional.of(known), acceptNew);
  }

  private static SshTarget atPort(int port) {
    SshTarget t = sshd.target();
    return new SshTarget(t.user(), t.host(), port, t.identity(), t.knownHosts(), false);
  }

  private static void assertOneLine(ToolException e, String... parts) {
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }
}
