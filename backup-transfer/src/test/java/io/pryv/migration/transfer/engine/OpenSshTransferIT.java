package io.pryv.migration.transfer.engine;

import static io.pryv.migration.transfer.TestTrees.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.common.testing.FreePorts;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.ssh.testing.OpenSshMaster;
import io.pryv.migration.ssh.testing.OpenSshServer;
import io.pryv.migration.transfer.TestTrees;
import io.pryv.migration.transfer.tree.LocalFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
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
    return List.of(
        "-p",
        Integer.toString(sshd.port()),
        "-i",
        key.toString(),
        "--known-hosts",
        knownHosts.toString());
  }

  private static String[] args(String verb, List<String> ssh, String... rest) {
    return args(verb, ssh, List.of(rest));
  }

  private static String[] args(String verb, List<String> ssh, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(verb));
    all.addAll(ssh);
    all.addAll(rest);
    return all.toArray(String[]::new);
  }

  private static String remote(Path path) {
    return sshd.user() + "@127.0.0.1:" + path;
  }

  @Test
  void onePushMovesSeveralFoldersAndOneCheckComparesThemAll(@TempDir Path dir) throws Exception {
    Path backup = dir.resolve("src/backup");
    Path data = dir.resolve("src/data");
    Files.createDirectories(backup.resolve("pryv-node"));
    Files.writeString(backup.resolve("pryv-node/events.bson"), "dump");
    Files.createDirectories(data.resolve("user1"));
    Files.writeString(data.resolve("user1/a.jpg"), "attachment");
    Path dstBackup = dir.resolve("dst/backup");
    Path dstData = dir.resolve("dst/data");
    Files.createDirectories(dstData);
    Files.writeString(dstData.resolve("stale.txt"), "removed by --delete");
    TestTrees.Run push =
        run(
            args(
                "push",
                ssh(sshd.rsaKey(), sshd.knownHosts()),
                "--delete",
                "--json",
                backup.toString(),
                remote(dstBackup),
                data.toString(),
                remote(dstData)));
    assertEquals(0, push.exit(), push.err());
    JsonNode transfers = new ObjectMapper().readTree(push.out()).get("transfers");
    assertEquals(2, transfers.size(), push.out());
    assertEquals(1, transfers.get(0).get("filesSent").asInt());
    assertEquals(1, transfers.get(1).get("filesSent").asInt());
    assertEquals("dump", Files.readString(dstBackup.resolve("pryv-node/events.bson")));
    assertEquals("attachment", Files.readString(dstData.resolve("user1/a.jpg")));
    assertFalse(Files.exists(dstData.resolve("stale.txt")));

    TestTrees.Run check =
        run(
            args(
                "check",
                ssh(sshd.rsaKey(), sshd.knownHosts()),
                backup.toString(),
                remote(dstBackup),
                data.toString(),
                remote(dstData)));
    assertEquals(0, check.exit(), check.err());
    assertEquals(
        2, check.out().lines().filter(l -> l.endsWith(": identical")).count(), check.out());
    Files.writeString(dstData.resolve("user1/a.jpg"), "changed!!!");
    TestTrees.Run differs =
        run(
            args(
                "check",
                ssh(sshd.rsaKey(), sshd.knownHosts()),
                backup.toString(),
                remote(dstBackup),
                data.toString(),
                remote(dstData)));
    assertEquals(1, differs.exit(), differs.out());
    assertTrue(differs.out().contains("different 'user1/a.jpg': content"), differs.out());
  }

  /**
   * The migration window's folders and one more, three files each; a stale file in data's
   * destination that --delete removes.
   */
  private static List<Path> windowFolders(Path src, Path dst) throws IOException {
    List<Path> folders = new ArrayList<>();
    for (String name : List.of("config-follower", "mongodb", "influxdb", "data", "extra")) {
      Path folder = Files.createDirectories(src.resolve(name + "/sub"));
      for (int i = 0; i < 3; i++) {
        Files.writeString(folder.resolve("f" + i), name + " file " + i);
      }
      folders.add(folder.getParent());
    }
    Files.createDirectories(dst.resolve("data"));
    Files.writeString(dst.resolve("data/stale.txt"), "removed by --delete");
    return folders;
  }

  private static List<String> pairsOf(List<Path> folders, Path dst) {
    List<String> pairs = new ArrayList<>();
    for (Path folder : folders) {
      pairs.add(folder.toString());
      pairs.add(remote(dst.resolve(folder.getFileName())));
    }
    return pairs;
  }

  @Test
  void severalPairsInOneCallAllArriveAndReportInTheOrderOfTheArguments(@TempDir Path dir)
      throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    List<Path> folders = windowFolders(src, dst);
    List<String> pairs = pairsOf(folders, dst);
    List<String> text = new ArrayList<>(List.of("--delete"));
    text.addAll(pairs);
    TestTrees.Run first = run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), text));
    assertEquals(0, first.exit(), first.err());
    List<String> lines = first.out().lines().toList();
    assertEquals(folders.size(), lines.size(), first.out());
    for (int i = 0; i < folders.size(); i++) {
      Path folder = folders.get(i);
      assertTrue(
          lines
              .get(i)
              .startsWith(
                  "push "
                      + folder
                      + " -> "
                      + remote(dst.resolve(folder.getFileName()))
                      + ": sent 3 files"),
          "report " + i + " in the order of the arguments: " + first.out());
      assertTrue(lines.get(i).contains("SHA-256 verified for 3 files"), lines.get(i));
      for (int f = 0; f < 3; f++) {
        assertEquals(
            folder.getFileName() + " file " + f,
            Files.readString(dst.resolve(folder.getFileName() + "/sub/f" + f)));
      }
    }
    assertFalse(Files.exists(dst.resolve("data/stale.txt")), "--delete in its own pair");

    // the dumps written again, one attachment changed: the JSON document in the order of the
    // arguments
    Files.writeString(src.resolve("mongodb/sub/f1"), "a new dump");
    Files.writeString(src.resolve("influxdb/sub/f2"), "a new backup");
    Files.writeString(src.resolve("data/sub/f0"), "changed attachment");
    List<String> json = new ArrayList<>(List.of("--delete", "--json"));
    json.addAll(pairs);
    TestTrees.Run second = run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), json));
    assertEquals(0, second.exit(), second.err());
    JsonNode transfers = new ObjectMapper().readTree(second.out()).get("transfers");
    assertEquals(folders.size(), transfers.size(), second.out());
    List<Integer> sent = new ArrayList<>();
    for (int i = 0; i < folders.size(); i++) {
      assertEquals(folders.get(i).toString(), transfers.get(i).get("source").asText());
      sent.add(transfers.get(i).get("filesSent").asInt());
      assertEquals(
          transfers.get(i).get("filesSent").asInt(),
          transfers.get(i).get("verification").get("filesVerified").asInt());
    }
    assertEquals(List.of(0, 1, 1, 1, 0), sent, second.out());
    assertEquals("a new dump", Files.readString(dst.resolve("mongodb/sub/f1")));
    assertEquals("a new backup", Files.readString(dst.resolve("influxdb/sub/f2")));
    assertEquals("changed attachment", Files.readString(dst.resolve("data/sub/f0")));
    assertEquals(
        0,
        run(args("check", ssh(sshd.rsaKey(), sshd.knownHosts()), pairs)).exit(),
        "every pair identical");
  }

  @Test
  void aPairThatFailsStopsTheCallAfterThePairsBeforeItWithItsOneErrorLine(@TempDir Path dir)
      throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    List<Path> folders = windowFolders(src, dst);
    io.pryv.migration.transfer.side.LocalSide.deleteTree(folders.get(1)); // a dump not made
    List<String> text = new ArrayList<>(List.of("--delete"));
    text.addAll(pairsOf(folders, dst));
    TestTrees.Run push = run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), text));
    assertEquals(3, push.exit(), push.err());
    assertEquals(
        List.of("backup-transfer: error: no such folder: " + folders.get(1)),
        push.err().lines().toList());
    List<String> lines = push.out().lines().toList();
    assertEquals(1, lines.size(), push.out());
    assertTrue(lines.get(0).startsWith("push " + folders.get(0) + " -> "), push.out());
    assertTrue(Files.isRegularFile(dst.resolve("config-follower/sub/f2")), "the pair before it");
    assertFalse(Files.exists(dst.resolve("mongodb")), "nothing made for the failed pair");
    assertFalse(Files.exists(dst.resolve("influxdb")), "the pairs after it do not run");
    assertTrue(Files.exists(dst.resolve("data/stale.txt")), "nor their --delete");

    List<String> json = new ArrayList<>(List.of("--json"));
    json.addAll(pairsOf(folders, dst));
    TestTrees.Run pushJson = run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), json));
    assertEquals(3, pushJson.exit(), pushJson.err());
    assertEquals("", pushJson.out(), "no half document on stdout");
  }

  @Test
  void pushKeepsContentAndModesWithRsa4096Key(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    TestTrees.Run push =
        run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst)));
    assertEquals(0, push.exit(), push.err());
    assertTrue(push.out().contains("SHA-256 verified for 16 files"), push.out());
    assertEquals(
        0,
        run(args("check", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst)))
            .exit());
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());
    TestTrees.Run pull =
        run(
            args(
                "pull",
                ssh(sshd.ed25519Key(), sshd.knownHosts()),
                remote(dst),
                dir.resolve("back").toString()));
    assertEquals(0, pull.exit(), pull.err());
    assertEquals(0, run("check", src.toString(), dir.resolve("back").toString()).exit());
  }

  /**
   * --ssh-control: the push goes through an OpenSSH master (the empty known_hosts shows it: JSch
   * would refuse the host) and leaves the tree a push over JSch leaves; without the master, the
   * same call says so and connects with JSch.
   */
  @Test
  void aPushThroughAnOpenSshMasterGivesTheTreeAPushOverJschGives(@TempDir Path dir)
      throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    byte[] big = new byte[3 * 1024 * 1024];
    new Random(3).nextBytes(big);
    Files.write(src.resolve("big.bin"), big);
    Path overJsch = dir.resolve("jsch");
    Path overMaster = dir.resolve("master");
    TestTrees.Run jsch =
        run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(overJsch)));
    assertEquals(0, jsch.exit(), jsch.err());
    List<String> options =
        new ArrayList<>(ssh(sshd.rsaKey(), Files.createFile(dir.resolve("no_known_hosts"))));
    try (OpenSshMaster master =
        OpenSshMaster.open(sshd, Files.createDirectories(dir.resolve("sockets")))) {
      options.addAll(List.of("--ssh-control", master.controlPath()));
      TestTrees.Run shared = run(args("push", options, src.toString(), remote(overMaster)));
      assertEquals(0, shared.exit(), shared.err());
      assertFalse(shared.err().contains("master"), shared.err());
      assertTrue(shared.out().contains("SHA-256 verified for 17 files"), shared.out());
      TestTrees.Run again = run(args("push", options, src.toString(), remote(overMaster)));
      assertEquals(0, again.exit(), again.err());
      assertEquals(0, run(args("check", options, src.toString(), remote(overMaster))).exit());
    }
    assertEquals(0, run("check", overJsch.toString(), overMaster.toString()).exit());
    TestTrees.Run fallback = run(args("push", options, src.toString(), remote(overMaster)));
    assertEquals(4, fallback.exit(), fallback.err());
    assertTrue(
        fallback.err().contains("backup-transfer: no SSH master connection answers at ")
            && fallback.err().contains("is not in"),
        fallback.err());
  }

  /** --openssh: the tool's own OpenSSH master carries the push; same tree, nothing left. */
  @Test
  void aPushWithOpenSshGivesTheTreeAPushOverJschGives(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    byte[] big = new byte[3 * 1024 * 1024];
    new Random(5).nextBytes(big);
    Files.write(src.resolve("big.bin"), big);
    Path overJsch = dir.resolve("jsch");
    Path overOpenSsh = dir.resolve("openssh");
    TestTrees.Run jsch =
        run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(overJsch)));
    assertEquals(0, jsch.exit(), jsch.err());
    Path known = Files.createFile(dir.resolve("known_hosts"));
    List<String> options = new ArrayList<>(ssh(sshd.rsaKey(), known));
    options.add("--openssh");
    TestTrees.Run unknown = run(args("push", options, src.toString(), remote(overOpenSsh)));
    assertEquals(4, unknown.exit(), unknown.err());
    assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
    assertTrue(unknown.err().contains("is not in " + known), unknown.err());
    options.add("--accept-new-host-key");
    TestTrees.Run pushed = run(args("push", options, "-z", src.toString(), remote(overOpenSsh)));
    assertEquals(0, pushed.exit(), pushed.err());
    assertTrue(pushed.out().contains("SHA-256 verified for 17 files"), pushed.out());
    assertTrue(
        pushed.err().contains("recorded the new host key [127.0.0.1]:" + sshd.port() + " ED25519"),
        pushed.err());
    TestTrees.Run again = run(args("push", options, src.toString(), remote(overOpenSsh)));
    assertEquals(0, again.exit(), again.err());
    assertEquals("", again.err());
    assertEquals(0, run(args("check", options, src.toString(), remote(overOpenSsh))).exit());
    assertEquals(0, run("check", overJsch.toString(), overOpenSsh.toString()).exit());
    List<String> masters =
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .map(p -> p.info().commandLine().orElse(""))
            .filter(line -> line.contains(" -M -N "))
            .toList();
    assertEquals(List.of(), masters, "every run ended its master");
  }

  @Test
  void aRelativeRemoteFolderIsTakenFromTheLoginsHomeLikeRsync(@TempDir Path dir) throws Exception {
    // sshd starts commands in the login's home: this JVM's user.home, since the tests log in as
    // themselves.
    String relative = "bt-it-relative-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    Path home = Path.of(System.getProperty("user.home"));
    Path landed = home.resolve(relative + "/backup");
    List<String> ssh = ssh(sshd.rsaKey(), sshd.knownHosts());
    try {
      Path src = TestTrees.awkward(dir.resolve("src"));
      String target = sshd.user() + "@127.0.0.1:" + relative + "/backup";
      TestTrees.Run push = run(args("push", ssh, src.toString(), target));
      assertEquals(0, push.exit(), push.err());
      assertTrue(push.out().contains("SHA-256 verified for 16 files"), push.out());
      assertEquals(
          0, run("check", src.toString(), landed.toString()).exit(), "arrived under the home");
      assertEquals(
          List.of(), partials(home.resolve(relative)), "nothing half-done left on the far side");
      assertEquals(List.of(), partials(src), "nor on this side");

      TestTrees.Run again =
          run(args("push", ssh, "--json", src.toString(), "127.0.0.1:~/" + relative + "/backup"));
      assertEquals(0, again.exit(), again.err());
      assertTrue(
          again.out().contains("\"filesSent\" : 0"), "~/ names the same folder: " + again.out());

      Path back = dir.resolve("back");
      TestTrees.Run pull = run(args("pull", ssh, target, back.toString()));
      assertEquals(0, pull.exit(), pull.err());
      assertEquals(0, run("check", src.toString(), back.toString()).exit());
      assertEquals(0, run(args("check", ssh, src.toString(), target)).exit());
    } finally {
      io.pryv.migration.transfer.side.LocalSide.deleteTree(home.resolve(relative));
    }
  }

  @Test
  void aPullFromAMissingRemoteFolderCreatesNothing(@TempDir Path dir) throws Exception {
    Path dst = dir.resolve("dst");
    TestTrees.Run pull =
        run(
            args(
                "pull",
                ssh(sshd.rsaKey(), sshd.knownHosts()),
                remote(dir.resolve("nosuch")),
                dst.toString()));
    assertEquals(3, pull.exit(), pull.err());
    assertEquals(1, pull.err().lines().count(), pull.err());
    assertTrue(pull.err().contains("no such folder: " + dir.resolve("nosuch")), pull.err());
    assertFalse(Files.exists(dst), "the local destination was created for nothing");

    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "x");
    TestTrees.Run push =
        run(
            args(
                "push",
                ssh(sshd.rsaKey(), sshd.knownHosts()),
                dir.resolve("nosuch").toString(),
                remote(dir.resolve("remote-dst"))));
    assertEquals(3, push.exit(), push.err());
    assertFalse(
        Files.exists(dir.resolve("remote-dst")), "the remote destination was created for nothing");
  }

  private static List<Path> partials(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.getFileName().toString().startsWith(".bt-partial")).toList();
    }
  }

  @Test
  void corruptedByteFoundByCheckRepairedByChecksum(@TempDir Path dir) throws Exception {
    List<String> ssh = ssh(sshd.rsaKey(), sshd.knownHosts());
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    assertEquals(0, run(args("push", ssh, src.toString(), remote(dst))).exit());
    TestTrees.corrupt(dst.resolve("données/big.bin")); // same size, same mtime: only a hash sees it
    TestTrees.Run quick = run(args("push", ssh, "--json", src.toString(), remote(dst)));
    assertTrue(quick.out().contains("\"filesSent\" : 0"), quick.out());
    TestTrees.Run check = run(args("check", ssh, src.toString(), remote(dst)));
    assertEquals(1, check.exit());
    assertTrue(check.out().contains("données/big.bin"), check.out());

    TestTrees.Run repair =
        run(args("push", ssh, "--checksum", "--json", src.toString(), remote(dst)));

    assertEquals(0, repair.exit(), repair.err());
    assertTrue(repair.out().contains("\"compare\" : \"size+crc32\""), repair.out());
    assertTrue(repair.out().contains("\"sent\" : [ \"données/big.bin\" ]"), repair.out());
    assertEquals(0, run(args("check", ssh, src.toString(), remote(dst))).exit());
    TestTrees.Run again =
        run(args("push", ssh, "--checksum", "--json", src.toString(), remote(dst)));
    assertTrue(again.out().contains("\"filesSent\" : 0"), again.out());

    // The same with SHA-256 as the comparison, and the other way round: pull --checksum into a
    // damaged copy.
    TestTrees.corrupt(dst.resolve("données/big.bin"));
    TestTrees.Run bySha256 =
        run(
            args(
                "push",
                ssh,
                "--checksum",
                "--checksum-choice",
                "sha256",
                "--json",
                src.toString(),
                remote(dst)));
    assertTrue(bySha256.out().contains("\"compare\" : \"size+sha256\""), bySha256.out());
    assertTrue(bySha256.out().contains("\"sent\" : [ \"données/big.bin\" ]"), bySha256.out());
    Path back = dir.resolve("back");
    assertEquals(0, run(args("pull", ssh, remote(dst), back.toString())).exit());
    for (String choice : List.of("crc32", "sha256")) {
      TestTrees.corrupt(back.resolve("données/big.bin"));
      TestTrees.Run pull =
          run(
              args(
                  "pull",
                  ssh,
                  "--checksum",
                  "--checksum-choice",
                  choice,
                  "--json",
                  remote(dst),
                  back.toString()));
      assertEquals(0, pull.exit(), pull.err());
      assertTrue(
          pull.out().contains("\"sent\" : [ \"données/big.bin\" ]"), choice + ": " + pull.out());
    }
    assertEquals(0, run("check", src.toString(), back.toString()).exit());
  }

  @Test
  void pushAndPullKeepOwnershipAsRoot(@TempDir Path dir) throws Exception {
    RequiredPrograms.requireThat(LocalFolders.currentUid() == 0, "root (to keep uid 9999)");
    Path src = TestTrees.awkward(dir.resolve("src"));
    Files.setAttribute(src.resolve("données/secret"), "unix:uid", 9999);
    Files.setAttribute(src.resolve("données/secret"), "unix:gid", 9998);
    Path dst = dir.resolve("dst");
    TestTrees.Run push =
        run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst)));
    assertEquals(0, push.exit(), push.err());
    assertEquals(9999, Files.getAttribute(dst.resolve("données/secret"), "unix:uid"));
    assertEquals(9998, Files.getAttribute(dst.resolve("données/secret"), "unix:gid"));
    TestTrees.Run same =
        run(
            args(
                "push",
                ssh(sshd.rsaKey(), sshd.knownHosts()),
                "--json",
                src.toString(),
                remote(dst)));
    assertFalse(
        same.out().contains("\"listSource\""), "equal listing digests, no listing: " + same.out());
    Files.setAttribute(
        dst.resolve("données/secret"), "unix:uid", 9997); // same size, mtime and mode
    TestTrees.Run owner =
        run(
            args(
                "push",
                ssh(sshd.rsaKey(), sshd.knownHosts()),
                "--json",
                src.toString(),
                remote(dst)));
    assertTrue(
        owner.out().contains("\"sent\" : [ \"données/secret\" ]"),
        "the owner is in the digest: " + owner.out());
    assertEquals(9999, Files.getAttribute(dst.resolve("données/secret"), "unix:uid"));
    Path back = dir.resolve("back");
    TestTrees.Run pull =
        run(args("pull", ssh(sshd.ed25519Key(), sshd.knownHosts()), remote(dst), back.toString()));
    assertEquals(0, pull.exit(), pull.err());
    assertEquals(9999, Files.getAttribute(back.resolve("données/secret"), "unix:uid"));
    assertEquals(9998, Files.getAttribute(back.resolve("données/secret"), "unix:gid"));
  }

  @Test
  void killedPushResumesWithoutResendingCommittedFiles(@TempDir Path dir) throws Exception {
    // 1 MiB files: 128 to a batch, 5 batches, so the kill lands with batches committed and batches
    // still to go.
    int total = 600;
    Path src = Files.createDirectories(dir.resolve("src"));
    Random random = new Random(1);
    byte[] bytes = new byte[1024 * 1024];
    for (int i = 0; i < total; i++) {
      random.nextBytes(bytes);
      Files.write(src.resolve(String.format("part-%03d", i)), bytes);
    }
    Path dst = dir.resolve("dst");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.pryv.migration.transfer.cli.Main"));
    command.addAll(
        List.of(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst))));
    Process push =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("push.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (committed(dst).isEmpty() && push.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertTrue(
        push.isAlive(),
        "the push ended before it could be killed: " + Files.readString(dir.resolve("push.log")));
    push.destroyForcibly().waitFor(); // kill -9
    Thread.sleep(500); // the far side's commit in progress, if any, finishes or stops

    List<Path> committed = committed(dst);
    assertFalse(committed.isEmpty(), "the kill came after a batch had its final names");
    assertTrue(
        committed.size() < total, "the kill came before the last batch: " + committed.size());
    Map<Path, Object> inodes = new HashMap<>();
    Map<Path, Long> mtimes = new HashMap<>();
    for (Path file : committed) {
      assertEquals(
          Sha256.hexOf(src.resolve(file.getFileName().toString())),
          Sha256.hexOf(file),
          "complete: " + file);
      inodes.put(file, Files.getAttribute(file, "unix:ino"));
      mtimes.put(file, Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS));
    }

    TestTrees.Run resume =
        run(
            args(
                "push",
                ssh(sshd.rsaKey(), sshd.knownHosts()),
                "--json",
                src.toString(),
                remote(dst)));
    assertEquals(0, resume.exit(), resume.err());
    JsonNode report = new ObjectMapper().readTree(resume.out());
    long sent = report.get("filesSent").asLong();
    assertTrue(
        sent > 0 && sent <= total - committed.size(),
        "resumed, not restarted: sent "
            + sent
            + " of "
            + total
            + " with "
            + committed.size()
            + " already there");
    assertEquals(sent, report.get("verification").get("filesVerified").asLong());
    List<String> sentNames = new ArrayList<>();
    report.get("sent").forEach(name -> sentNames.add(name.asText()));
    for (Path file : committed) {
      assertFalse(sentNames.contains(file.getFileName().toString()), "sent again: " + file);
      assertEquals(inodes.get(file), Files.getAttribute(file, "unix:ino"), "rewritten: " + file);
      assertEquals(
          mtimes.get(file),
          Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS),
          "touched: " + file);
    }
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());
    try (Stream<Path> all = Files.walk(dst)) {
      assertEquals(
          List.of(),
          all.filter(p -> p.getFileName().toString().startsWith(".bt-partial")).toList());
    }
  }

  /** The files that have their final name in {@code dst} (staging folders are not looked into). */
  private static List<Path> committed(Path dst) {
    if (!Files.isDirectory(dst)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dst)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("part-") && Files.isRegularFile(p))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // the folder changes under the listing
    }
  }

  @Test
  void aFullDestinationDiskIsOneLineAndLeavesNothingIncomplete(@TempDir Path dir) throws Exception {
    RequiredPrograms.requireThat(
        LocalFolders.currentUid() == 0, "root, to mount a 4 MiB tmpfs as the destination");
    Path src = Files.createDirectories(dir.resolve("src"));
    byte[] big = new byte[6 * 1024 * 1024];
    new Random(2).nextBytes(big);
    Files.write(src.resolve("big.bin"), big);
    for (int i = 0; i < 20; i++) {
      Files.writeString(src.resolve("small-" + i), "small " + i);
    }
    Path small = Files.createDirectories(dir.resolve("small"));
    mount("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", small.toString());
    try {
      Path dst = small.resolve("dst");
      TestTrees.Run full =
          run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst)));

      assertEquals(4, full.exit(), full.err());
      assertEquals(1, full.err().lines().count(), full.err());
      assertTrue(full.err().contains("destination disk is full"), full.err());
      try (Stream<Path> all = Files.walk(small)) {
        for (Path path : all.filter(Files::isRegularFile).toList()) {
          assertFalse(path.toString().contains(".bt-partial"), "staging left: " + path);
          assertEquals(
              Sha256.hexOf(src.resolve(path.getFileName().toString())),
              Sha256.hexOf(path),
              "incomplete: " + path);
        }
      }
    } finally {
      mount("umount", small.toString());
    }
  }

  private static void mount(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
  }

  @Test
  void aConnectionLostMidStreamIsOneLineAndTheReRunFinishes(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    byte[] chunk = new byte[1024 * 1024];
    Random random = new Random(3);
    try (var out = Files.newOutputStream(src.resolve("big.bin"))) {
      for (int i = 0; i < 300; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    Files.writeString(src.resolve("small"), "small");
    Path dst = dir.resolve("dst");
    CompletableFuture<TestTrees.Run> push =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    args(
                        "push",
                        ssh(sshd.rsaKey(), sshd.knownHosts()),
                        src.toString(),
                        remote(dst))));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stagedBytes(dst) < 20 * 1024 * 1024 && !push.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertFalse(push.isDone(), "the push ended before the connection could be dropped");
    assertTrue(sshd.dropConnections() > 0);

    TestTrees.Run lost = push.get(60, TimeUnit.SECONDS);

    assertEquals(4, lost.exit(), lost.err());
    assertEquals(1, lost.err().lines().count(), lost.err());
    assertTrue(lost.err().contains("lost") || lost.err().contains("failed"), lost.err());
    assertFalse(
        Files.exists(dst.resolve("big.bin")), "a file under its final name before it was complete");
    TestTrees.Run again =
        run(args("push", ssh(sshd.rsaKey(), sshd.knownHosts()), src.toString(), remote(dst)));
    assertEquals(0, again.exit(), again.err());
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());
    try (Stream<Path> all = Files.walk(dst)) {
      assertEquals(
          List.of(),
          all.filter(p -> p.getFileName().toString().startsWith(".bt-partial")).toList());
    }
  }

  /** Bytes written so far under the staging folders of {@code dst}. */
  private static long stagedBytes(Path dst) {
    try (Stream<Path> all = Files.walk(dst)) {
      return all.filter(p -> p.toString().contains(".bt-partial") && Files.isRegularFile(p))
          .mapToLong(p -> p.toFile().length())
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return 0; // not there yet, or changing under the walk
    }
  }

  @Test
  void hostKeyPolicy(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "x");
    Path unknown = Files.writeString(dir.resolve("empty_known_hosts"), "");
    TestTrees.Run refused =
        run(args("push", ssh(sshd.rsaKey(), unknown), src.toString(), remote(dir.resolve("d"))));
    assertEquals(4, refused.exit());
    assertTrue(refused.err().contains("is not in"), refused.err());
    assertFalse(Files.exists(dir.resolve("d")));

    List<String> acceptNew = new ArrayList<>(ssh(sshd.rsaKey(), unknown));
    acceptNew.add("--accept-new-host-key");
    TestTrees.Run accepted = run(args("push", acceptNew, src.toString(), remote(dir.resolve("d"))));
    assertEquals(0, accepted.exit(), accepted.err());
    assertTrue(Files.readString(unknown).contains(sshd.hostPublicKey()));

    String otherKey = Files.readString(Path.of(sshd.ed25519Key() + ".pub")).split(" ")[1];
    Path wrong =
        Files.writeString(
            dir.resolve("wrong_known_hosts"),
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
    OpenSshServer.newEd25519Key(stranger);
    TestTrees.Run auth =
        run(
            args(
                "push",
                ssh(stranger, sshd.knownHosts()),
                src.toString(),
                remote(dir.resolve("d"))));
    assertEquals(4, auth.exit());
    assertTrue(auth.err().startsWith("backup-transfer: error: authentication refused"), auth.err());

    TestTrees.Run refused =
        run(
            "push",
            "-p",
            Integer.toString(FreePorts.find()),
            "-i",
            sshd.rsaKey().toString(),
            "--known-hosts",
            sshd.knownHosts().toString(),
            src.toString(),
            remote(dir.resolve("d")));
    assertEquals(4, refused.exit());
    assertTrue(refused.err().contains("connection refused"), refused.err());
  }
}
