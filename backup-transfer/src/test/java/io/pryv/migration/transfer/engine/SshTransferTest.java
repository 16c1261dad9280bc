package io.pryv.migration.transfer.engine;

import static io.pryv.migration.transfer.TestTrees.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.ssh.testing.MinaSshServer;
import io.pryv.migration.transfer.TestTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * push, pull and check over SSH against the in-JVM MINA server (the far side is this machine's sh).
 */
class SshTransferTest {
  private static MinaSshServer server;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    server = MinaSshServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String[] args(String... rest) {
    List<String> all =
        new ArrayList<>(
            List.of(
                rest[0],
                "-p",
                Integer.toString(server.port()),
                "-i",
                server.clientKey().toString(),
                "--known-hosts",
                server.knownHosts().toString()));
    all.addAll(List.of(rest).subList(1, rest.length));
    return all.toArray(String[]::new);
  }

  private static String remote(Path path) {
    return server.user() + "@127.0.0.1:" + path;
  }

  @Test
  void pushThenCheckThenNoOpRerun(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    TestTrees.Run push = run(args("push", src.toString(), remote(dst)));
    assertEquals(0, push.exit(), push.err());
    assertTrue(push.out().contains("SHA-256 verified for 16 files"), push.out());
    assertTrue(Files.isRegularFile(dst.resolve("new\nline")));
    assertEquals(0, run(args("check", src.toString(), remote(dst))).exit());
    assertEquals(
        0,
        run("check", src.toString(), dst.toString()).exit(),
        "modes, links, content equal locally");
    TestTrees.Run again = run(args("push", "--json", src.toString(), remote(dst)));
    assertTrue(again.out().contains("\"filesSent\" : 0"), again.out());
    try (Stream<Path> all = Files.walk(dst)) {
      assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".bt-partial")));
    }
  }

  @Test
  void aChecksumRunWhoseDestinationListingOutgrowsAChannelPipeDoesNotHang(@TempDir Path dir)
      throws Exception {
    // The comparison waits for the first checksum, which the far side prints only once it has
    // hashed every file,
    // while the far side's sorted listing (read next to it over the same session) is larger than
    // one channel's pipe
    // (4 MiB): before both were drained to disk, the full pipe stopped JSch's session thread and
    // the checksums never
    // came (reproduced against OpenSSH with 150,000 long names: no end after 180 s).
    Path src = Files.createDirectories(dir.resolve("src"));
    Path dst = Files.createDirectories(dir.resolve("dst"));
    Files.writeString(src.resolve("a"), "x");
    Files.writeString(dst.resolve("a"), "x");
    Files.setLastModifiedTime(dst.resolve("a"), Files.getLastModifiedTime(src.resolve("a")));
    java.util.Random random = new java.util.Random(4);
    java.io.ByteArrayOutputStream listing = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(listing)) {
      for (int i = 0; i < 30_000; i++) {
        StringBuilder name = new StringBuilder("d" + i % 100 + "/");
        for (int c = 0; c < 240; c++) {
          name.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        Files.createDirectories(dst.resolve(name.toString()).getParent());
        Files.createFile(dst.resolve(name.toString()));
        gzip.write(
            (name + "//f 0 1700000000 644 0 0 \0")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    assertTrue(listing.size() > 4 * 1024 * 1024, "the listing outgrows a pipe: " + listing.size());

    TestTrees.Run push =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(120),
            () -> run(args("push", "--checksum", "--json", src.toString(), remote(dst))));
    assertEquals(0, push.exit(), push.err());
    assertTrue(
        push.out().contains("\"filesUnchanged\" : 1,") && push.out().contains("\"filesSent\" : 0,"),
        push.out());
  }

  @Test
  void aPushWhoseWholePlanIsOneBatchLeavesEveryFolderAsInTheSource(@TempDir Path dir)
      throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/a/b"));
    Files.writeString(src.resolve("f"), "one");
    Files.writeString(dir.resolve("src/a/g"), "two");
    Path dst = dir.resolve("dst");
    assertEquals(0, run(args("push", src.getParent().getParent().toString(), remote(dst))).exit());

    // one file changed deep down: the only batch links it in, which changes the mtime of its folder
    // on the far
    // side; the same commit must set it back (and its parents' modes and times) to the source's
    Files.writeString(src.resolve("f"), "ONE");
    Files.setLastModifiedTime(
        src.resolve("f"), java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
    Files.setLastModifiedTime(src, java.nio.file.attribute.FileTime.fromMillis(1_500_000_000_000L));
    TestTrees.Run changed =
        run(args("push", "--json", src.getParent().getParent().toString(), remote(dst)));
    assertEquals(0, changed.exit(), changed.err());
    assertTrue(changed.out().contains("\"sent\" : [ \"a/b/f\" ]"), changed.out());
    assertEquals(Files.getLastModifiedTime(src), Files.getLastModifiedTime(dst.resolve("a/b")));
    assertEquals(
        Files.getLastModifiedTime(src.getParent()).to(java.util.concurrent.TimeUnit.SECONDS),
        Files.getLastModifiedTime(dst.resolve("a")).to(java.util.concurrent.TimeUnit.SECONDS),
        "whole seconds");
    TestTrees.Run again =
        run(args("push", "--json", src.getParent().getParent().toString(), remote(dst)));
    assertFalse(
        again.out().contains("\"listSource\""), "every entry as in the source: " + again.out());
  }

  @Test
  void aRerunWithNothingToDoComparesOnlyListingDigestsAndAnyDifferenceStillGetsAFullComparison(
      @TempDir Path dir) throws Exception {
    Path src =
        TestTrees.awkward(
            dir.resolve("src")); // links followed (the default): files and folders only
    Path dst = dir.resolve("dst");
    TestTrees.Run first = run(args("push", "--json", src.toString(), remote(dst)));
    assertEquals(0, first.exit(), first.err());
    assertTrue(
        first.out().contains("\"listSource\""), "a first copy lists both sides: " + first.out());

    TestTrees.Run same = run(args("push", "--json", src.toString(), remote(dst)));
    assertEquals(0, same.exit(), same.err());
    assertFalse(same.out().contains("\"listSource\""), "digests equal, no listing: " + same.out());
    assertTrue(
        same.out().contains("\"filesSent\" : 0,") && same.out().contains("\"foldersSet\" : 0,"),
        same.out());
    for (String count :
        List.of("sourceFiles", "sourceBytes")) { // the same counts as the full comparison's
      assertEquals(field(first.out(), count), field(same.out(), count), count);
    }
    assertEquals(field(first.out(), "sourceFiles"), field(same.out(), "filesUnchanged"));

    java.nio.file.attribute.FileTime old = Files.getLastModifiedTime(dst.resolve("zero"));
    Files.setLastModifiedTime(
        dst.resolve("zero"), java.nio.file.attribute.FileTime.fromMillis(old.toMillis() + 5000));
    TestTrees.Run touched = run(args("push", "--json", src.toString(), remote(dst)));
    assertTrue(
        touched.out().contains("\"listSource\"")
            && touched.out().contains("\"sent\" : [ \"zero\" ]"),
        "a changed mtime at the destination is caught: " + touched.out());

    Files.writeString(dst.resolve("extra"), "only at the destination\n");
    TestTrees.Run extra = run(args("push", "--json", src.toString(), remote(dst)));
    assertTrue(
        extra.out().contains("\"listSource\"") && extra.out().contains("\"filesSent\" : 0,"),
        "not the same listing, nothing to send without --delete: " + extra.out());
    TestTrees.Run deleted = run(args("push", "--delete", "--json", src.toString(), remote(dst)));
    assertTrue(deleted.out().contains("\"deleted\" : [ \"extra\" ]"), deleted.out());
    assertFalse(
        run(args("push", "--json", src.toString(), remote(dst))).out().contains("\"listSource\""));

    TestTrees.Run dryRun =
        run(args("push", "--dry-run", src.toString(), remote(dir.resolve("not yet"))));
    assertEquals(0, dryRun.exit(), dryRun.err());
    assertTrue(dryRun.out().contains("would send   'zero'"), dryRun.out());
    assertFalse(Files.exists(dir.resolve("not yet")));
  }

  /** The value of a top-level number in the JSON report. */
  private static String field(String json, String name) {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("\"" + name + "\" : (\\d+)").matcher(json);
    assertTrue(matcher.find(), name + " in " + json);
    return matcher.group(1);
  }

  @Test
  void corruptedByteFoundByCheckRepairedByChecksum(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    assertEquals(0, run(args("push", src.toString(), remote(dst))).exit());
    TestTrees.corrupt(dst.resolve("données/big.bin"));
    TestTrees.Run check = run(args("check", "--json", src.toString(), remote(dst)));
    assertEquals(1, check.exit());
    assertTrue(check.out().contains("données/big.bin"), check.out());
    TestTrees.Run repair = run(args("push", "--checksum", "--json", src.toString(), remote(dst)));
    assertTrue(repair.out().contains("\"filesSent\" : 1"), repair.out());
    assertTrue(
        repair.out().contains("\"filesVerified\" : 1,"),
        "counted by the far side: " + repair.out());
    assertEquals(0, run(args("check", src.toString(), remote(dst))).exit());
  }

  @Test
  void pullWithDeleteAndDryRun(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("remote-src"));
    Path dst = Files.createDirectories(dir.resolve("local-dst"));
    Files.writeString(dst.resolve("stale"), "old");
    TestTrees.Run dry = run(args("pull", "--delete", "--dry-run", remote(src), dst.toString()));
    assertTrue(dry.out().contains("would delete 'stale'"), dry.out());
    assertTrue(Files.exists(dst.resolve("stale")));
    TestTrees.Run pull = run(args("pull", "--delete", remote(src), dst.toString()));
    assertEquals(0, pull.exit(), pull.err());
    assertFalse(Files.exists(dst.resolve("stale")));
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());
  }

  @Test
  void pullRefusesLinksPointingOutside(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("remote-src"));
    Files.writeString(src.resolve("ok"), "ok");
    Files.createSymbolicLink(src.resolve("evil"), Path.of("../../../etc"));
    TestTrees.Run pull = run(args("pull", "--links", remote(src), dir.resolve("dst").toString()));
    assertEquals(3, pull.exit(), pull.out());
    assertTrue(pull.err().contains("points outside the destination folder"), pull.err());
    assertFalse(Files.exists(dir.resolve("dst/evil"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aLoopingLinkIsSkippedAndReportedWhicheverSideListsIt(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/d"));
    Files.writeString(src.resolve("f"), "f");
    Files.createSymbolicLink(src.resolve("up"), Path.of(".."));
    Path root = src.getParent();
    for (String verb : List.of("push", "pull")) {
      Path dst = dir.resolve(verb + "-dst");
      TestTrees.Run run =
          verb.equals("push")
              ? run(args("push", root.toString(), remote(dst)))
              : run(args("pull", remote(root), dst.toString()));
      assertEquals(1, run.exit(), verb + ": " + run.err()); // partial copy, as rsync's 23
      assertTrue(run.err().contains("skipped 'd/up'"), verb + ": " + run.err());
      assertEquals("f", Files.readString(dst.resolve("d/f")), verb);
      assertFalse(Files.exists(dst.resolve("d/up"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
  }

  @Test
  void remoteDestinationThatIsAFileIsBadInput(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path file = Files.writeString(dir.resolve("file"), "x");
    TestTrees.Run push = run(args("push", src.toString(), remote(file)));
    assertEquals(3, push.exit());
    assertTrue(push.err().contains("is not a folder"), push.err());
    TestTrees.Run pull =
        run(args("pull", remote(dir.resolve("missing")), dir.resolve("d").toString()));
    assertEquals(3, pull.exit());
    assertTrue(pull.err().contains("no such folder"), pull.err());
  }

  @Test
  void checkAndChecksumOfFoldersWithoutAnyPlainlyNamedFile(@TempDir Path dir) throws Exception {
    // The far side's hashing script had no chunk to print then, and failed on its own unmatched
    // glob.
    Path onlyFolders = Files.createDirectories(dir.resolve("only-folders/sub"));
    Path escapedOnly = Files.createDirectories(dir.resolve("escaped-only"));
    Files.writeString(escapedOnly.resolve("we\\ird"), "a name sha256sum escapes");
    for (Path src : List.of(onlyFolders.getParent(), escapedOnly)) {
      Path dst = dir.resolve("copy-of-" + src.getFileName());
      assertEquals(0, run(args("push", src.toString(), remote(dst))).exit());
      TestTrees.Run check = run(args("check", src.toString(), remote(dst)));
      assertEquals(0, check.exit(), check.err());
      assertTrue(check.out().endsWith("identical\n"), check.out());
      TestTrees.Run again = run(args("push", "--checksum", src.toString(), remote(dst)));
      assertEquals(0, again.exit(), again.err());
    }
    Path empty = Files.createDirectories(dir.resolve("empty"));
    TestTrees.Run intoEmpty =
        run(args("push", "--checksum", onlyFolders.getParent().toString(), remote(empty)));
    assertEquals(0, intoEmpty.exit(), intoEmpty.err());
  }
}
