package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.transfer.TestTrees;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.PathOrder;
import io.pryv.migration.transfer.tree.SortedListing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sorted listing script, run here by sh, read by {@link SortedListing}: plain and through gzip.
 */
class SortedListingScriptTest {
  @TempDir Path dir;

  @Test
  void listsEveryEntryOfAnAwkwardTreeInPathOrderLikeTheJavaWalk() throws Exception {
    Path tree = TestTrees.awkward(dir.resolve("tree"));
    Files.createDirectories(tree.resolve("a/b"));
    Files.writeString(tree.resolve("a.c"), "sorts after a's subtree");
    Files.writeString(tree.resolve("a/b/x"), "x");
    Files.writeString(tree.resolve(".bt-partial.left"), "work in progress: never listed");
    // byte 1 sorts where the shell's tr puts it ('/'s place, between '.' and '0'), a supplementary
    // character
    // after the private use area (UTF-8 byte order), controls before the space
    for (String name :
        List.of(
            "a\u0001",
            "a\u0001b",
            "a0",
            "a.",
            "a,",
            "a\tb",
            "\uE000",
            "\uD83D\uDE00",
            "a/\u0001",
            "a/.z")) {
      Files.writeString(tree.resolve(name), name);
    }
    List<Entry> expected = walked(tree);
    for (String zip : List.of("plain", "gzip")) {
      assertEquals(expected, read(run(tree, false, zip)), zip);
    }
    List<Entry> viaSide = new ArrayList<>();
    try (EntryReader reader = new LocalSide(tree).listSorted(false)) {
      for (Entry entry = reader.next(); entry != null; entry = reader.next()) {
        viaSide.add(entry);
      }
    }
    assertEquals(expected, viaSide);
    List<String> paths = expected.stream().map(Entry::path).toList();
    assertTrue(
        paths.indexOf("a/b/x") < paths.indexOf("a.c"),
        "a folder's subtree before its next sibling");
  }

  @Test
  void aListingOutOfOrderOrCutShortIsRefused() throws Exception {
    String header = "uid\0" + "0\0";
    String twoOutOfOrder = header + "b//f 1 1 644 0 0 \0a//f 1 1 644 0 0 \0";
    ToolException unsorted =
        assertThrows(
            ToolException.class, () -> read(twoOutOfOrder.getBytes(StandardCharsets.UTF_8)));
    assertTrue(unsorted.getMessage().contains("not sorted"), unsorted.getMessage());
    ToolException cut =
        assertThrows(
            ToolException.class,
            () -> read((header + "a//f 1 1 644 0 0 ").getBytes(StandardCharsets.UTF_8)));
    assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
  }

  /**
   * What the listing must hold, read here entry by entry with Java's own file API (links as links),
   * work in progress left out, in PathOrder.
   */
  private static List<Entry> walked(Path root) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        String rel = root.relativize(path).toString();
        if (rel.startsWith(".bt-partial.")) {
          continue;
        }
        Map<String, Object> a =
            Files.readAttributes(
                path, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        long mtime = Math.floorDiv(((FileTime) a.get("lastModifiedTime")).toMillis(), 1000);
        int uid = (Integer) a.get("uid");
        int gid = (Integer) a.get("gid");
        Entry.Type type =
            Files.isSymbolicLink(path)
                ? Entry.Type.SYMLINK
                : Files.isDirectory(path) ? Entry.Type.DIR : Entry.Type.FILE;
        long size = type == Entry.Type.FILE ? (Long) a.get("size") : 0;
        String target = type == Entry.Type.SYMLINK ? Files.readSymbolicLink(path).toString() : null;
        entries.add(new Entry(rel, type, size, mtime, mode & 07777, uid, gid, target));
      }
    }
    entries.sort(PathOrder.ENTRIES);
    return entries;
  }

  private static byte[] run(Path folder, boolean follow, String zip) throws Exception {
    Process process =
        new ProcessBuilder(
                SideScript.LIST_SOURCE.command(folder.toString(), zip, SideScript.follow(follow)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    assertEquals(0, process.waitFor());
    return out;
  }

  private static List<Entry> read(byte[] listing) throws Exception {
    List<Entry> entries = new ArrayList<>();
    boolean[] completed = new boolean[1];
    try (EntryReader reader =
        SortedListing.read(
            new ByteArrayInputStream(listing),
            false,
            "test",
            reachedEnd -> completed[0] = reachedEnd)) {
      for (Entry entry = reader.next(); entry != null; entry = reader.next()) {
        entries.add(entry);
      }
    }
    assertTrue(completed[0], "the completion learns that the end was reached");
    return entries;
  }
}
