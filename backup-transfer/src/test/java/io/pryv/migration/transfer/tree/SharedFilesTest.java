package io.pryv.migration.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ToolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leaving out the files both listings hold with the same record, on hand-written listings. */
class SharedFilesTest {
  private static final String ROOT = "//d 0 1700000000 755 0 0 \0";

  private static String file(String path, long size, long mtime) {
    return path + "//f " + size + " " + mtime + " 644 0 0 \0";
  }

  private static String dir(String path) {
    return path + "//d 0 1700000000 755 0 0 \0";
  }

  private static String link(String path, String target) {
    return path + "//l 3 1700000000 777 0 0 " + target + "\0";
  }

  private static EntryReader listing(String records, List<Boolean> closedAtEnd) throws IOException {
    return SortedListing.read(
        new ByteArrayInputStream(("uid\0" + "0\0" + records).getBytes(StandardCharsets.UTF_8)),
        false,
        "test",
        closedAtEnd::add);
  }

  private static List<String> paths(EntryReader reader) throws IOException {
    List<String> paths = new ArrayList<>();
    for (Entry entry = reader.next(); entry != null; entry = reader.next()) {
      paths.add(entry.path() + (entry.isDir() ? "/" : ""));
    }
    return paths;
  }

  @Test
  void leavesOutOnlyRegularFilesWithTheSameRecordOnBothSides() throws Exception {
    // In sort's order with '/' and byte 1 swapped: "a" and its subtree before "a-b" and "a.c".
    String source =
        ROOT
            + dir("a")
            + file("a/newer", 10, 6)
            + file("a/only-here", 1, 5)
            + file("a/same", 10, 5)
            + link("a/z-link", "abc")
            + file("a-b", 7, 5)
            + dir("a.c")
            + file("a.c/same", 20, 5);
    String dest =
        ROOT
            + dir("a")
            + file("a/newer", 10, 5)
            + file("a/only-there", 2, 5)
            + file("a/same", 10, 5)
            + link("a/z-link", "abc")
            + file("a-b", 7, 5)
            + dir("a.c")
            + file("a.c/same", 20, 5);
    List<Boolean> sourceClosed = new ArrayList<>();
    List<Boolean> destClosed = new ArrayList<>();
    try (EntryReader ours = listing(source, sourceClosed);
        EntryReader theirs = listing(dest, destClosed);
        SharedFiles left = SharedFiles.leftOut(ours, theirs)) {
      assertEquals(3, left.files());
      assertEquals(37, left.bytes());
      assertEquals(
          List.of("/", "a/", "a/newer", "a/only-here", "a/z-link", "a.c/"), paths(left.source()));
      assertEquals(
          List.of("/", "a/", "a/newer", "a/only-there", "a/z-link", "a.c/"), paths(left.dest()));
      assertEquals(0, left.dest().ownerUid());
    }
    assertEquals(List.of(true), sourceClosed, "the source listing was read to its end");
    assertEquals(List.of(true), destClosed, "the destination listing was read to its end");
  }

  @Test
  void aSideWithNoEntriesIsHandedOnAsItIs() throws Exception {
    try (EntryReader ours = listing(ROOT + file("x", 1, 1), new ArrayList<>());
        EntryReader theirs = listing("", new ArrayList<>());
        SharedFiles left = SharedFiles.leftOut(ours, theirs)) {
      assertSame(ours, left.source());
      assertSame(theirs, left.dest());
      assertEquals(List.of("/", "x"), paths(left.source()));
    }
  }

  @Test
  void aListingLeftUnsortedIsStillReported() throws Exception {
    try (EntryReader ours = listing(ROOT + file("b", 1, 1) + file("a", 1, 1), new ArrayList<>());
        EntryReader theirs = listing(ROOT + file("c", 1, 1), new ArrayList<>());
        SharedFiles left = SharedFiles.leftOut(ours, theirs)) {
      ToolException e = assertThrows(ToolException.class, () -> paths(left.source()));
      assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
    }
  }

  @Test
  void ordersAsSortDoesWithSlashLowest() {
    byte[] a = "a/x//f".getBytes(StandardCharsets.UTF_8);
    byte[] b = "a-x//f".getBytes(StandardCharsets.UTF_8);
    byte[] c = "a//d".getBytes(StandardCharsets.UTF_8);
    assertTrue(SharedFiles.compare(a, 0, a.length, b, 0, b.length) < 0, "'/' before '-'");
    assertTrue(SharedFiles.compare(c, 0, c.length, a, 0, a.length) < 0, "a folder first");
    assertTrue(SharedFiles.compare(a, 0, 3, a, 0, a.length) < 0, "a prefix first");
    assertEquals(0, SharedFiles.compare(a, 0, a.length, a.clone(), 0, a.length));
  }
}
