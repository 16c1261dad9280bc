package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.SortedListing;
import io.pryv.migration.transfer.tree.Tree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSideTest {
  @TempDir Path dir;

  @Test
  void followingLinksSkipsALoopAndADanglingLinkButListsTheRest() throws Exception {
    Files.createDirectories(dir.resolve("d"));
    Files.writeString(dir.resolve("d/f"), "x");
    Files.createSymbolicLink(dir.resolve("d/up"), Path.of(".."));
    Files.createSymbolicLink(dir.resolve("dangling"), Path.of("nowhere"));
    Files.createSymbolicLink(dir.resolve("self"), Path.of("self"));

    io.pryv.migration.transfer.TestTrees.Listed result =
        io.pryv.migration.transfer.TestTrees.readAll(new LocalSide(dir).listSorted(true));

    assertEquals(Entry.Type.FILE, result.tree().get("d/f").type());
    assertEquals(List.of("d/up", "dangling", "self"), result.skipped());
    assertEquals(null, result.tree().get("d/up"));
  }

  @Test
  void aLoopUnderANameFindEscapesIsReportedNotDropped() throws Exception {
    Files.createDirectories(dir.resolve("d"));
    Files.createSymbolicLink(dir.resolve("d/it's"), Path.of(".."));

    ToolException failed =
        assertThrows(ToolException.class, () -> new LocalSide(dir).listSorted(true));

    assertEquals(ExitCode.ENVIRONMENT, failed.exitCode());
    assertTrue(failed.getMessage().contains("File system loop detected"), failed.getMessage());
  }

  @Test
  void theListingGivesWholeSecondsRoundedDownAlsoBefore1970() throws Exception {
    // touch, not Files.setLastModifiedTime: Java stores a negative time with a fraction as 0.
    Map<String, String> touched =
        Map.of(
            "before-1970-fraction",
            "@-1.5",
            "before-1970-whole",
            "@-1",
            "just-before-a-second",
            "@1700000000.999",
            "1960",
            "1960-01-01 00:00:00.25 UTC");
    for (Map.Entry<String, String> file : touched.entrySet()) {
      Process touch =
          new ProcessBuilder("touch", "-d", file.getValue(), dir.resolve(file.getKey()).toString())
              .inheritIO()
              .start();
      assertEquals(0, touch.waitFor());
    }

    Tree byFind =
        io.pryv.migration.transfer.TestTrees.readAll(LocalShell.sortedListing(dir, false))
            .tree(); // GNU find

    Map<String, Long> expected =
        Map.of(
            "before-1970-fraction",
            -2L,
            "before-1970-whole",
            -1L,
            "just-before-a-second",
            1_700_000_000L,
            "1960",
            -315_619_200L);
    for (Map.Entry<String, Long> file : expected.entrySet()) {
      assertEquals(file.getValue(), byFind.get(file.getKey()).mtime(), "find: " + file.getKey());
    }
  }

  @Test
  void theListingScriptExitsWithFindsStatusAlsoThroughGzip() throws Exception {
    Files.createDirectories(dir.resolve("d"));
    Files.writeString(dir.resolve("d/f"), "x");
    for (String zip : List.of("gzip", "plain")) {
      Process fine = listing(false, zip);
      Tree tree =
          io.pryv.migration.transfer.TestTrees.readAll(
                  SortedListing.read(fine.getInputStream(), false, zip, reachedEnd -> {}))
              .tree();
      assertEquals(0, fine.waitFor(), zip);
      assertEquals(Entry.Type.FILE, tree.get("d/f").type(), zip);
    }
    // find -L: a loop under a name that find prints with escapes, which cannot be listed: exit 1
    Files.createSymbolicLink(dir.resolve("d/it's"), Path.of(".."));
    for (String zip : List.of("gzip", "plain")) {
      Process looping = listing(true, zip);
      looping.getInputStream().readAllBytes();
      assertEquals(1, looping.waitFor(), zip);
    }
  }

  private Process listing(boolean followLinks, String zip) throws Exception {
    return new ProcessBuilder(
            SideScript.LIST_SOURCE.command(dir.toString(), zip, SideScript.follow(followLinks)))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  @Test
  void checksumsMatchJavaForPlainAndEscapedNames() throws Exception {
    Files.write(dir.resolve("big"), new byte[3 * 1024 * 1024 + 7]);
    Files.writeString(dir.resolve("line\nbreak"), "a\\b", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("-rf été"), "z", StandardCharsets.UTF_8);
    List<Entry> files =
        io.pryv.migration.transfer.TestTrees.readAll(new LocalSide(dir).listSorted(false))
            .tree()
            .entries()
            .stream()
            .filter(Entry::isFile)
            .toList();

    Map<String, String> sha256 = checksums(files, Checksum.SHA256);
    Map<String, String> crc = checksums(files, Checksum.CRC32);

    assertEquals(3, sha256.size());
    assertEquals(3, crc.size());
    for (Entry file : files) {
      Path path = dir.resolve(file.path());
      assertEquals(Sha256.hexOf(path), sha256.get(file.path()), file.path());
      // a name that needs sha256sum's escapes is compared by SHA-256 in either mode
      assertEquals(
          HashLines.needsEscape(file.path()) ? Sha256.hexOf(path) : PosixCksum.of(path),
          crc.get(file.path()),
          file.path());
    }
  }

  /** What this side's checksums answer for each file, asked in PathOrder as a comparison does. */
  private Map<String, String> checksums(List<Entry> files, Checksum checksum) throws Exception {
    Map<String, String> answers = new java.util.HashMap<>();
    try (FileChecksums sums = new LocalSide(dir).checksums(false, checksum)) {
      for (Entry file :
          files.stream().sorted(io.pryv.migration.transfer.tree.PathOrder.ENTRIES).toList()) {
        String sum = sums.checksumOf(file.path());
        if (sum != null) {
          answers.put(file.path(), sum);
        }
      }
      sums.finish();
    }
    return answers;
  }
}
