package io.pryv.migration.transfer.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.transfer.manifest.Manifest;
import io.pryv.migration.transfer.side.LocalSide;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check and manifest in one pass over sorted listings and hash streams: what each finds, in
 * PathOrder.
 */
class TreeComparisonTest {

  @Test
  void findsEveryKindOfDifferenceInPathOrder(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path dst = Files.createDirectories(dir.resolve("dst"));
    for (Path side : List.of(src, dst)) {
      Files.writeString(side.resolve("same.txt"), "same");
      Files.createDirectories(side.resolve("a"));
      Files.writeString(side.resolve("a/content"), side == src ? "abc" : "abd");
      Files.writeString(side.resolve("a/size"), side == src ? "abc" : "abcd");
      Files.writeString(side.resolve("a/mode"), "m");
      Files.createSymbolicLink(side.resolve("link"), Path.of(side == src ? "same.txt" : "a/mode"));
    }
    Files.setPosixFilePermissions(
        src.resolve("a/mode"), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(
        dst.resolve("a/mode"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.createDirectories(src.resolve("a/gone/deeper"));
    Files.writeString(src.resolve("a/gone/deeper/file"), "x");
    Files.writeString(src.resolve("a.c"), "sorts after everything under a");
    Files.writeString(src.resolve("kind"), "a file here");
    Files.createDirectories(dst.resolve("kind"));
    Files.writeString(dst.resolve("only-there"), "extra");

    TreeComparison.Report report =
        TreeComparison.compare(new LocalSide(src), new LocalSide(dst), false, Clock.systemUTC());

    assertFalse(report.identical());
    assertEquals(
        List.of("a/gone", "a/gone/deeper", "a/gone/deeper/file", "a.c"),
        report.missing().toList(),
        "a folder with its whole subtree, and a/... before a.c");
    assertEquals(List.of("only-there"), report.extra().toList());
    List<TreeComparison.Difference> different = report.different().toList();
    assertEquals(
        List.of("a/content", "a/mode", "a/size", "kind", "link"),
        different.stream().map(TreeComparison.Difference::path).toList());
    assertTrue(
        different
            .get(0)
            .what()
            .startsWith(
                "content (sha256 "
                    + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad vs "),
        different.get(0).what());
    assertEquals("mode (600 vs 644)", different.get(1).what());
    assertEquals("size (3 vs 4)", different.get(2).what());
    assertEquals("type (file vs dir)", different.get(3).what());
    assertEquals("link target", different.get(4).what());
    assertEquals(4, report.filesCompared(), "same.txt and the three in a: the files on both sides");
  }

  @Test
  void identicalTreesAreIdenticalWithOrWithoutFollowingLinks(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.createDirectories(src.resolve("d/e"));
    Files.writeString(src.resolve("d/e/f"), "f");
    Files.writeString(src.resolve("d.txt"), "d");
    Files.createSymbolicLink(src.resolve("to-d"), Path.of("d"));
    Path dst = dir.resolve("dst");
    copy(src, dst);

    for (boolean follow : List.of(false, true)) {
      TreeComparison.Report report =
          TreeComparison.compare(new LocalSide(src), new LocalSide(dst), follow, Clock.systemUTC());
      assertTrue(
          report.identical(),
          "follow "
              + follow
              + ": "
              + report.missing().toList()
              + " "
              + report.extra().toList()
              + " "
              + report.different().toList());
      assertEquals(
          follow ? 3 : 2, report.filesCompared(), "to-d/e/f counts when links are followed");
    }
  }

  @Test
  void manifestListsEveryFileInPathOrderWithItsHash(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.createDirectories(src.resolve("a"));
    Files.writeString(src.resolve("a/x"), "abc");
    Files.writeString(src.resolve("a.c"), "");
    Files.setLastModifiedTime(src.resolve("a/x"), FileTime.fromMillis(1_600_000_000_000L));
    Files.setPosixFilePermissions(src.resolve("a/x"), PosixFilePermissions.fromString("rw-r-----"));

    Manifest.Document manifest = Manifest.of(new LocalSide(src), false);

    assertEquals(2, manifest.files());
    assertEquals(3, manifest.bytes());
    assertEquals(
        List.of(
            new Manifest.Line(
                "a/x",
                3,
                "640",
                "2020-09-13T12:26:40Z",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            new Manifest.Line(
                "a.c",
                0,
                "644",
                Files.getLastModifiedTime(src.resolve("a.c"))
                    .toInstant()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString(),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
        manifest.entries().toList());
  }

  private static void copy(Path from, Path to) throws Exception {
    Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
    assertEquals(0, cp.waitFor());
  }
}
