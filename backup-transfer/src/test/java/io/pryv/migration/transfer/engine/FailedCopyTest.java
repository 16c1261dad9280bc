package io.pryv.migration.transfer.engine;

import static io.pryv.migration.transfer.TestTrees.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.transfer.TestTrees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy that cannot be done is refused before anything is created or touched; one that is partial
 * says so.
 */
class FailedCopyTest {

  @Test
  void aMissingSourceCreatesNoDestination(@TempDir Path dir) {
    Path dst = dir.resolve("dst");
    TestTrees.Run missing = run("copy", dir.resolve("nosuch").toString(), dst.toString());
    assertEquals(3, missing.exit(), missing.err());
    assertEquals(
        "backup-transfer: error: no such folder: " + dir.resolve("nosuch") + "\n", missing.err());
    assertFalse(Files.exists(dst, LinkOption.NOFOLLOW_LINKS), "destination created for nothing");
  }

  @Test
  void aFileAsSourceCreatesNoDestination(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path dst = dir.resolve("dst");
    TestTrees.Run notAFolder = run("copy", file.toString(), dst.toString());
    assertEquals(3, notAFolder.exit(), notAFolder.err());
    assertEquals("backup-transfer: error: " + file + " is not a folder\n", notAFolder.err());
    assertFalse(Files.exists(dst, LinkOption.NOFOLLOW_LINKS), "destination created for nothing");
  }

  @Test
  void aCopyOntoItselfIsRefusedAndKeepsTheSourceLinks(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    TestTrees.Run same = run("copy", src.toString(), src.toString());
    assertEquals(2, same.exit(), same.err());
    assertEquals(1, same.err().lines().count(), same.err());
    assertTrue(same.err().contains("are the same folder"), same.err());
    assertEquals(Path.of("with space.txt"), Files.readSymbolicLink(src.resolve("link-to-file")));
    assertEquals(Path.of("données"), Files.readSymbolicLink(src.resolve("link-to-dir")));

    Path alias = Files.createSymbolicLink(dir.resolve("alias"), src);
    TestTrees.Run throughLink = run("copy", src.toString(), alias + "/");
    assertEquals(2, throughLink.exit(), throughLink.err());
    assertTrue(
        throughLink.err().contains("are the same folder (links resolved"), throughLink.err());
    assertTrue(
        Files.isSymbolicLink(src.resolve("link-to-file")), "the source's links are left alone");
  }

  @Test
  void aCopyIntoItselfOrOntoAFolderHoldingItIsRefused(@TempDir Path dir) throws Exception {
    Path src = TestTrees.awkward(dir.resolve("src"));
    TestTrees.Run inside = run("copy", src.toString(), src.resolve("copy").toString());
    assertEquals(2, inside.exit(), inside.err());
    assertTrue(inside.err().contains("is inside SRC_DIR"), inside.err());
    assertFalse(Files.exists(src.resolve("copy")));

    Path outer = Files.createDirectories(dir.resolve("outer"));
    Path inner = TestTrees.awkward(outer.resolve("inner"));
    TestTrees.Run holding = run("copy", "--delete", inner.toString(), outer.toString());
    assertEquals(2, holding.exit(), holding.err());
    assertTrue(holding.err().contains("is inside DEST_DIR"), holding.err());
    assertTrue(
        Files.exists(inner.resolve("données/big.bin")), "--delete would have removed the source");
    try (Stream<Path> entries = Files.list(outer)) {
      assertEquals(List.of(inner), entries.toList());
    }
  }

  @Test
  void aSkippedEntryMakesTheCopyExitOneAndTheCheckDifferent(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("kept"), "kept");
    Files.createSymbolicLink(src.resolve("dangling"), Path.of("nowhere"));
    Path dst = dir.resolve("dst");

    TestTrees.Run copy = run("copy", src.toString(), dst.toString());

    assertEquals(1, copy.exit(), copy.err());
    assertTrue(copy.err().contains("skipped 'dangling'"), copy.err());
    assertTrue(
        copy.err().contains("incomplete: 1 entry of the source could not be copied"), copy.err());
    assertEquals("kept", Files.readString(dst.resolve("kept")));
    TestTrees.Run json = run("copy", "--json", src.toString(), dst.toString());
    assertEquals(1, json.exit(), json.err());
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertEquals("dangling", report.get("skipped").get(0).asText());

    TestTrees.Run check = run("check", src.toString(), dst.toString());
    assertEquals(1, check.exit(), check.out());
    assertTrue(check.out().contains("skipped   'dangling': in the source"), check.out());
    assertTrue(check.out().endsWith("1 skipped: DIFFERENT\n"), check.out());
    TestTrees.Run checkJson = run("check", "--json", src.toString(), dst.toString());
    assertEquals(1, checkJson.exit());
    assertEquals(
        "dangling",
        new ObjectMapper().readTree(checkJson.out()).get("skippedInSource").get(0).asText());

    TestTrees.Run asLinks = run("copy", "--links", src.toString(), dir.resolve("links").toString());
    assertEquals(0, asLinks.exit(), "copied as a link, nothing skipped: " + asLinks.err());
    assertEquals(
        0, run("check", "--links", src.toString(), dir.resolve("links").toString()).exit());
  }

  @Test
  void deleteKeepsTheDestinationsCopyOfAnEntryTheSourceCouldNotRead(@TempDir Path dir)
      throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path target = Files.writeString(dir.resolve("target"), "the data");
    Files.createSymbolicLink(src.resolve("data"), target);
    Files.writeString(src.resolve("kept"), "kept");
    Path dst = dir.resolve("dst");
    assertEquals(0, run("copy", src.toString(), dst.toString()).exit());
    Files.writeString(dst.resolve("old"), "only in the destination");

    Files.delete(target); // the link dangles for a moment
    TestTrees.Run copy = run("copy", "--delete", src.toString(), dst.toString());

    assertEquals(1, copy.exit(), copy.err());
    assertTrue(copy.err().contains("--delete removed nothing this run"), copy.err());
    assertEquals(
        "the data",
        Files.readString(dst.resolve("data")),
        "the copy of the unreadable entry is kept");
    assertTrue(Files.exists(dst.resolve("old")), "nothing is deleted after a read error");

    Files.writeString(target, "the data");
    assertEquals(0, run("copy", "--delete", src.toString(), dst.toString()).exit());
    assertFalse(Files.exists(dst.resolve("old")), "--delete works again once every entry is read");
  }
}
