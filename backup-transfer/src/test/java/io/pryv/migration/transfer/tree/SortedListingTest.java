package io.pryv.migration.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reader of the sorted listing (one NUL-terminated record per path), on hand-written
 * listings.
 */
class SortedListingTest {
  private static final String UID = "uid\0" + "1000\0";

  @Test
  void readsEveryFieldOfEachType() throws Exception {
    String listing =
        UID
            + record("d", "4096", "1700000000", "750", "1000", "1001", "", "")
            + record("f", "1", "1700000003", "600", "1000", "1000", "a/.bt-partial.x", "")
            + record("p", "0", "1700000002", "644", "1000", "1000", "fifo", "")
            + record("l", "6", "-2", "777", "1000", "1000", "link", "../etc with space")
            + record("f", "5000", "1700000001", "644", "0", "0", "with space/été\nx.txt", "");
    io.pryv.migration.transfer.TestTrees.Listed result = parse(listing, false);
    Tree tree = result.tree();
    assertEquals(1000, tree.ownerUid());
    Entry file = tree.get("with space/été\nx.txt");
    assertEquals(
        new Entry("with space/été\nx.txt", Entry.Type.FILE, 5000, 1700000001L, 0644, 0, 0, null),
        file);
    assertEquals(
        new Entry("", Entry.Type.DIR, 0, 1700000000L, 0750, 1000, 1001, null), tree.get(""));
    assertEquals(
        new Entry("link", Entry.Type.SYMLINK, 0, -2L, 0777, 1000, 1000, "../etc with space"),
        tree.get("link"));
    assertNull(tree.get("a/.bt-partial.x"));
    assertEquals(List.of("fifo"), result.skipped());
    assertEquals(
        List.of("fifo", "link"),
        parse(listing, true).skipped()); // find -L: a link left is dangling
  }

  @Test
  void aDryRunOfAMissingFolderIsJustTheUid() throws Exception {
    assertEquals(0, parse(UID, false).tree().files().size());
  }

  @Test
  void truncatedOrForeignOutputIsAnEnvironmentError() {
    String whole = UID + record("f", "1", "1", "644", "0", "0", "x", "");
    ToolException truncated =
        assertThrows(
            ToolException.class, () -> parse(whole.substring(0, whole.length() - 3), false));
    assertEquals("truncated listing from test", truncated.getMessage());
    assertEquals(ExitCode.ENVIRONMENT, truncated.exitCode());
    assertTrue(truncated.getMessage().startsWith("truncated listing"), truncated.getMessage());
    for (String foreign :
        List.of("", "find: unknown option -printf\n", "uid\0abc\0", UID + "no separator\0")) {
      ToolException e = assertThrows(ToolException.class, () -> parse(foreign, false));
      assertTrue(e.getMessage().startsWith("unexpected listing"), e.getMessage());
    }
  }

  @Test
  void aPathLeavingTheFolderIsRefused() {
    ToolException e =
        assertThrows(
            ToolException.class,
            () ->
                parse(UID + record("f", "1", "1", "644", "0", "0", "../../etc/passwd", ""), false));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
  }

  @Test
  void aMalformedNumberIsNotTakenAsZero() {
    ToolException size =
        assertThrows(
            ToolException.class,
            () -> parse(UID + record("f", "12x", "1", "644", "0", "0", "x", ""), false));
    assertTrue(size.getMessage().startsWith("not a number in a listing: 12x"), size.getMessage());
    ToolException mode =
        assertThrows(
            ToolException.class,
            () -> parse(UID + record("f", "1", "1", "648", "0", "0", "x", ""), false));
    assertTrue(mode.getMessage().startsWith("not a number in a listing: 648"), mode.getMessage());
  }

  @Test
  void aGzipListingReadsLikeThePlainOneEvenInDribbles() throws Exception {
    StringBuilder listing = new StringBuilder(UID);
    List<String> paths = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) { // 5000 records: well over the 64 KiB read window
      paths.add("dir " + i % 7 + "/f" + i);
    }
    paths.sort(PathOrder.PATHS);
    for (int i = 0; i < paths.size(); i++) {
      listing.append(
          record("f", Integer.toString(i), "1700000000", "644", "0", "0", paths.get(i), ""));
    }
    byte[] plain = listing.toString().getBytes(StandardCharsets.UTF_8);

    Tree fromPlain = parse(new ByteArrayInputStream(plain), false).tree();
    Tree fromGzip = parse(new ByteArrayInputStream(gzip(plain)), false).tree();
    Tree fromDribbles = parse(new OneByteAtATime(gzip(plain)), false).tree();

    assertEquals(5000, fromPlain.files().size());
    for (Tree other : List.of(fromGzip, fromDribbles)) {
      assertEquals(fromPlain.size(), other.size());
      for (Entry entry : fromPlain.entries()) {
        assertEquals(entry, other.get(entry.path()));
      }
    }
  }

  @Test
  void aCutGzipListingIsTruncated() throws Exception {
    byte[] whole =
        gzip(
            (UID + record("f", "1", "1", "644", "0", "0", "x", ""))
                .getBytes(StandardCharsets.UTF_8));
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> parse(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 12)), false));
    assertTrue(e.getMessage().startsWith("truncated listing"), e.getMessage());
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  /**
   * One record from find's fields in their -printf order: type, size, mtime, mode, uid, gid, path,
   * link.
   */
  private static String record(String... fields) {
    return fields[6]
        + "//"
        + String.join(" ", List.of(fields).subList(0, 6))
        + " "
        + fields[7]
        + "\0";
  }

  private static io.pryv.migration.transfer.TestTrees.Listed parse(
      String listing, boolean followLinks) throws Exception {
    return parse(new ByteArrayInputStream(listing.getBytes(StandardCharsets.UTF_8)), followLinks);
  }

  private static io.pryv.migration.transfer.TestTrees.Listed parse(
      InputStream listing, boolean followLinks) throws Exception {
    return io.pryv.migration.transfer.TestTrees.readAll(
        SortedListing.read(listing, followLinks, "test", reachedEnd -> {}));
  }
}
