package io.pryv.migration.transfer.engine;

import static io.pryv.migration.transfer.TestTrees.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.FreePorts;
import io.pryv.migration.ssh.testing.OpenSshServer;
import io.pryv.migration.transfer.TestTrees;
import io.pryv.migration.transfer.side.Sha256;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real OpenSSH sshd with the runbook's key ({@code ssh-keygen -t rsa -b 4096}). */
class OpenSshTransferIT {
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

  private static List<String> ssh(Path key, Path knownHosts) {
    return List.of("-p", Integer.toString(sshd.port()), "-i", key.toString(), "--known-hosts",
        knownHosts.toString());
  }

  private static String[] args(String verb, List<String> ssh, String... rest) {
    List<String> all = new ArrayList<>(List.of(verb));
    all.addAll(ssh);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private static String remote(Path path) {
    return sshd.user() + "@127.0.0.1:" + path;
  }

  @Test
  void pushKeepsContentModesAndOwnershipWithRsa4096Key(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      Files.setAttribute(src.resolve("données/secret"), "unix:uid", 9999);
      Files.setAttribute(src.resolve("données/secret"), "unix:gid", 9999);
    }
    TestTrees.Run push = run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst)));
    assertEquals(0, push.exit(), push.err());
    assertEquals(0, run(args("check", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst))).exit());
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());
    if (root) {
      assertEquals(9999, Files.getAttribute(dst.resolve("données/secret"), "unix:uid"));
      assertEquals(9999, Files.getAttribute(dst.resolve("données/secret"), "unix:gid"));
    }
    TestTrees.Run pull = run(args("pull", ssh(sshd.ed25519Key(), sshd.knownHosts()), remote(dst),
        dir.resolve("back").toString()));
    assertEquals(0, pull.exit(), pull.err());
    assertEquals(0, run("check", src.toString(), dir.resolve("back").toString()).exit());
  }

  @Test
  void killedPushResumesAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Random random = new Random(1);
    for (int i = 0; i < 40; i++) {
      byte[] bytes = new byte[4 * 1024 * 1024];
      random.nextBytes(bytes);
      Files.write(src.resolve("part-" + i), bytes);
    }
    try (RandomAccessFile big = new RandomAccessFile(src.resolve("huge.img").toFile(), "rw")) {
      big.setLength(400L * 1024 * 1024);
    }
    Path dst = dir.resolve("dst");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.pryv.migration.transfer.cli.Main"));
    command.addAll(List.of(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst))));
    Process push = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("push.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!stagingHasData(dst) && push.isAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(push.isAlive(), "the push ended before it could be killed: " + Files.readString(dir.resolve("push.log")));
    push.destroyForcibly().waitFor(); // kill -9
    // Whatever has its final name is complete.
    try (Stream<Path> files = Files.list(dst)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertEquals(Sha256.of(src.resolve(file.getFileName().toString())), Sha256.of(file), file.toString());
      }
    }
    TestTrees.Run resume = run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst)));
    assertEquals(0, resume.exit(), resume.err());
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());
    try (Stream<Path> all = Files.walk(dst)) {
      assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".bt-partial")));
    }
  }

  private static boolean stagingHasData(Path dst) {
    if (!Files.isDirectory(dst)) {
      return false;
    }
    try (Stream<Path> all = Files.walk(dst)) {
      return all.anyMatch(p -> p.toString().contains(".bt-partial") && Files.isRegularFile(p) && size(p) > 1_000_000);
    } catch (Exception e) {
      return false; // the tree changes under the walk
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (Exception e) {
      return 0;
    }
  }

  @Test
  void hostKeyPolicy(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "x");
    Path unknown = Files.writeString(dir.resolve("empty_known_hosts"), "");
    TestTrees.Run refused = run(args("push", ssh(sshd.rsaKey(), unknown), src.toString(), remote(dir.resolve("d"))));
    assertEquals(4, refused.exit());
    assertTrue(refused.err().contains("is not in"), refused.err());
    assertFalse(Files.exists(dir.resolve("d")));

    List<String> acceptNew = new ArrayList<>(ssh(sshd.rsaKey(), unknown));
    acceptNew.add("--accept-new-host-key");
    TestTrees.Run accepted = run(args("push", acceptNew, src.toString(), remote(dir.resolve("d"))));
    assertEquals(0, accepted.exit(), accepted.err());
    assertTrue(Files.readString(unknown).contains(sshd.hostPublicKey()));

    String otherKey = Files.readString(Path.of(sshd.ed25519Key() + ".pub")).split(" ")[1];
    Path wrong = Files.writeString(dir.resolve("wrong_known_hosts"),
        "[127.0.0.1]:" + sshd.port() + " ssh-ed25519 " + otherKey + "\n");
    List<String> changed = new ArrayList<>(ssh(sshd.rsaKey(), wrong));
    changed.add("--accept-new-host-key");
    TestTrees.Run mismatch = run(args("push", changed, src.toString(), remote(dir.resolve("e"))));
    assertEquals(4, mismatch.exit());
    assertTrue(mismatch.err().contains("CHANGED"), mismatch.err());
    assertEquals(1, mismatch.err().lines().count());
    assertFalse(Files.exists(dir.resolve("e")));
  }

  @Test
  void authenticationAndConnectionFailuresAreOneLine(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path stranger = dir.resolve("stranger");
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString())
        .redirectErrorStream(true).start();
    keygen.getInputStream().readAllBytes();
    assertEquals(0, keygen.waitFor());
    TestTrees.Run auth = run(args("push", ssh(stranger, sshd.knownHosts()), src.toString(), remote(dir.resolve("d"))));
    assertEquals(4, auth.exit());
    assertTrue(auth.err().startsWith("backup-transfer: error: authentication refused"), auth.err());

    TestTrees.Run refused = run("push", "-p", Integer.toString(FreePorts.find()), "-i", sshd.rsaKey().toString(),
        "--known-hosts", sshd.knownHosts().toString(), src.toString(), remote(dir.resolve("d")));
    assertEquals(4, refused.exit());
    assertTrue(refused.err().contains("connection refused"), refused.err());
  }
}
