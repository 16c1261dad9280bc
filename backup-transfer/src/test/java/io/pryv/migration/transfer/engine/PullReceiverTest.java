package io.pryv.migration.transfer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.transfer.side.RemoteSide;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.RelativePaths;
import io.pryv.migration.transfer.tree.Tree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull checks what arrives against the hash the far side took first; a file changed in between is
 * refused.
 */
class PullReceiverTest extends OverMinaSsh {
  @Test
  void fileRewrittenAtTheSameSizeAfterHashingIsRefused(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("remote-src"));
    Files.writeString(src.resolve("a.txt"), "first version\n");
    Files.writeString(src.resolve("b.txt"), "stable\n");
    Path dst = Files.createDirectories(dir.resolve("local-dst"));
    Path old = Files.writeString(dst.resolve("b.txt"), "old b\n");
    Files.setLastModifiedTime(old, OLD_TIME);
    Object inode = Files.getAttribute(old, "unix:ino");

    RemoteSide source = remote(src);
    Tree tree = io.pryv.migration.transfer.TestTrees.readAll(source.listSorted(false)).tree();
    List<Entry> send = List.of(tree.get("a.txt"), tree.get("b.txt"));
    Map<String, String> hashes = hashesTakenNow(source, send);
    FileTime mtime = Files.getLastModifiedTime(src.resolve("a.txt"));
    Files.writeString(
        src.resolve("a.txt"), "other version\n"); // same size, same mtime: only the hash differs
    Files.setLastModifiedTime(src.resolve("a.txt"), mtime);
    Files.writeString(src.resolve("b.txt"), "stale!\n");

    LocalReceiver receiver = receiver(dst);
    ToolException error =
        assertThrows(
            ToolException.class,
            () -> PullReceiver.receive(source, send, hashes::get, receiver, false));
    assertTrue(error.getMessage().startsWith("SHA-256 mismatch for 'a.txt'"), error.getMessage());
    assertEquals(List.of(old), list(dst), "nothing committed, no temporary file");
    assertEquals("old b\n", Files.readString(old));
    assertEquals(OLD_TIME, Files.getLastModifiedTime(old));
    assertEquals(inode, Files.getAttribute(old, "unix:ino"));

    // The same pull with fresh hashes goes through and counts what it verified.
    Map<String, String> fresh = hashesTakenNow(source, send);
    assertEquals(2, PullReceiver.receive(source, send, fresh::get, receiver, false));
    assertEquals("other version\n", Files.readString(dst.resolve("a.txt")));
    assertEquals("stale!\n", Files.readString(dst.resolve("b.txt")));
  }

  @Test
  void hashesReadInOrderWithEscapedNamesAndAFileLargerThanTheChannelPipe(@TempDir Path dir)
      throws Exception {
    Path src = Files.createDirectories(dir.resolve("remote-src"));
    byte[] large = new byte[12 << 20]; // three times the 4 MiB a channel's pipe holds
    new java.util.Random(7).nextBytes(large);
    Files.write(src.resolve("a large"), large);
    Files.writeString(src.resolve("back\\slash"), "escaped by sha256sum\n");
    Files.writeString(src.resolve("new\nline"), "so is this one\n");
    Files.createDirectories(src.resolve("many"));
    for (int i = 0; i < 300; i++) {
      Files.writeString(src.resolve("many/f" + i), "file " + i);
    }
    Path dst = Files.createDirectories(dir.resolve("local-dst"));
    RemoteSide source = remote(src);
    List<Entry> send =
        io.pryv.migration.transfer.TestTrees.readAll(source.listSorted(false))
            .tree()
            .entries()
            .stream()
            .filter(Entry::isFile)
            .sorted(io.pryv.migration.transfer.tree.PathOrder.ENTRIES)
            .toList();
    Files.createDirectories(dst.resolve("many"));

    LocalReceiver receiver = receiver(dst);
    assertEquals(303, PullReceiver.receive(source, send, receiver, false));
    assertTrue(java.util.Arrays.equals(large, Files.readAllBytes(dst.resolve("a large"))));
    assertEquals("escaped by sha256sum\n", Files.readString(dst.resolve("back\\slash")));
    assertEquals("so is this one\n", Files.readString(dst.resolve("new\nline")));
    assertEquals("file 299", Files.readString(dst.resolve("many/f299")));
  }

  @Test
  void aFileGoneBeforeItIsHashedIsAHashingErrorBeforeAnythingIsSent(@TempDir Path dir)
      throws Exception {
    Path src = Files.createDirectories(dir.resolve("remote-src"));
    Files.writeString(src.resolve("here"), "here");
    RemoteSide source = remote(src);
    ToolException error =
        assertThrows(
            ToolException.class,
            () ->
                source
                    .hashesInOrder(
                        List.of(
                            new Entry("gone", Entry.Type.FILE, 4, 0, 0644, 0, 0, null),
                            new Entry("here", Entry.Type.FILE, 4, 0, 0644, 0, 0, null)))
                    .close());
    assertTrue(
        error.getMessage().contains("hashing files in") && error.getMessage().contains("gone"),
        error.getMessage());
    assertEquals(4, error.exitCode().code(), "the far side's trouble, not bad input");
  }

  /**
   * The far side's SHA-256 of {@code send}, taken now (as a pull takes them before its tar) and
   * kept.
   */
  private static Map<String, String> hashesTakenNow(RemoteSide source, List<Entry> send)
      throws Exception {
    Map<String, String> hashes = new java.util.HashMap<>();
    try (io.pryv.migration.transfer.side.FileChecksums sums = source.hashesInOrder(send)) {
      for (Entry file : send) {
        hashes.put(file.path(), sums.checksumOf(file.path()));
      }
      sums.finish();
    }
    return hashes;
  }

  private static List<Path> list(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      List<Path> paths = all.filter(p -> !p.equals(root)).sorted().toList();
      assertTrue(
          paths.stream()
              .noneMatch(p -> p.getFileName().toString().startsWith(RelativePaths.PARTIAL_PREFIX)),
          paths.toString());
      return paths;
    }
  }

  /** A receiver into {@code dst} that keeps owners and shows no progress. */
  private static LocalReceiver receiver(Path dst) {
    return new LocalReceiver(
        dst, false, true, new ProgressDisplay(null, false, Clock.systemUTC(), "", 0, 0), "test");
  }

  /** {@code src} as the far side, over the test's SSH connection. */
  private static RemoteSide remote(Path src) {
    return new RemoteSide(ssh.target(), CompletableFuture.completedFuture(ssh), src.toString());
  }
}
