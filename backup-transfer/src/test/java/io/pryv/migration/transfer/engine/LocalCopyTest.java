package io.pryv.migration.transfer.engine;

import static io.pryv.migration.transfer.TestTrees.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.transfer.TestTrees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local copy end to end through the command, with check and manifest. */
class LocalCopyTest {

  @Test
  void copiesContentsModesAndTimesThenResumesAsNoOp(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    TestTrees.Run first = run("copy", src.toString(), dst.toString());
    assertEquals(0, first.exit(), first.err());
    assertTrue(
        Files.isRegularFile(dst.resolve("données/été/résumé ünïcødé.txt")), "contents, not nested");
    assertFalse(Files.exists(dst.resolve("src")));
    assertEquals(
        "rwxr-x---",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dst.resolve("run.sh"))));
    assertEquals(
        1_600_000_000_000L, Files.getLastModifiedTime(dst.resolve("with space.txt")).toMillis());
    assertTrue(Files.isDirectory(dst.resolve("empty folder/also empty")));
    assertTrue(
        Files.isRegularFile(dst.resolve("link-to-file"), LinkOption.NOFOLLOW_LINKS),
        "--copy-links default");
    assertEquals(
        Files.getLastModifiedTime(src.resolve("données")).toMillis() / 1000,
        Files.getLastModifiedTime(dst.resolve("données")).toMillis() / 1000,
        "folder mtime, whole seconds");
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());

    TestTrees.Run again = run("copy", "--json", src.toString(), dst.toString());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("\"filesSent\" : 0"), again.out());
    try (Stream<Path> all = Files.walk(dst)) {
      assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".bt-partial")));
    }
  }

  @Test
  void linksModeKeepsLinks(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    assertEquals(0, run("copy", "--links", src.toString(), dst.toString()).exit());
    assertEquals(Path.of("données"), Files.readSymbolicLink(dst.resolve("link-to-dir")));
  }

  @Test
  void corruptionIsFoundByCheckAndRepairedByChecksum(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    assertEquals(0, run("copy", src.toString(), dst.toString()).exit());
    TestTrees.corrupt(dst.resolve("données/big.bin"));
    TestTrees.Run check = run("check", src.toString(), dst.toString());
    assertEquals(1, check.exit());
    assertTrue(check.out().contains("different 'données/big.bin': content"), check.out());
    TestTrees.Run quick = run("copy", "--json", src.toString(), dst.toString());
    assertTrue(
        quick.out().contains("\"filesSent\" : 0"), "quick check cannot see it: " + quick.out());
    TestTrees.Run repair = run("copy", "--checksum", "--json", src.toString(), dst.toString());
    assertTrue(repair.out().contains("\"filesSent\" : 1"), repair.out());
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());
  }

  @Test
  void deleteOnlyInsideDestAndDryRunChangesNothing(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path dst = dir.resolve("dst");
    assertEquals(0, run("copy", src.toString(), dst.toString()).exit());
    Files.createDirectories(dst.resolve("stale/deeper"));
    Files.writeString(dst.resolve("stale/deeper/x"), "x");
    Files.writeString(dst.resolve("extra.txt"), "x");
    Path outside = Files.writeString(dir.resolve("outside.txt"), "must stay");
    Files.delete(src.resolve("zero"));

    TestTrees.Run dry = run("copy", "--delete", "--dry-run", src.toString(), dst.toString());
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("would delete 'stale'"), dry.out());
    assertTrue(dry.out().contains("would delete 'zero'"), dry.out());
    assertTrue(Files.exists(dst.resolve("stale/deeper/x")) && Files.exists(dst.resolve("zero")));

    assertEquals(1, run("check", src.toString(), dst.toString()).exit());
    assertEquals(0, run("copy", "--delete", src.toString(), dst.toString()).exit());
    assertFalse(Files.exists(dst.resolve("stale")) || Files.exists(dst.resolve("extra.txt")));
    assertTrue(Files.exists(outside));
    assertEquals(0, run("check", src.toString(), dst.toString()).exit());
  }

  @Test
  void badInputIsOneLineWithItsExitCode(@TempDir Path dir) throws Exception {
    TestTrees.Run missing =
        run("copy", dir.resolve("nope").toString(), dir.resolve("d").toString());
    assertEquals(3, missing.exit());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertTrue(missing.err().startsWith("backup-transfer: error: no such folder"), missing.err());

    Path src = Files.createDirectories(dir.resolve("src"));
    Path file = Files.writeString(dir.resolve("file"), "x");
    TestTrees.Run destIsFile = run("copy", src.toString(), file.toString());
    assertEquals(3, destIsFile.exit());
    assertTrue(destIsFile.err().contains("is not a folder"), destIsFile.err());
    assertEquals("x", Files.readString(file));
  }

  @Test
  void manifestIsSha256sumCompatible(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    Path out = dir.resolve("sums");
    assertEquals(0, run("manifest", "--sha256sum", "-o", out.toString(), src.toString()).exit());
    Process check =
        new ProcessBuilder("sha256sum", "-c", "--strict", "--quiet", out.toString())
            .directory(src.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes());
    assertEquals(0, check.waitFor(), output);
    TestTrees.Run table = run("manifest", src.toString());
    assertTrue(table.out().contains("\t6\t644\t"), table.out());
  }
}
