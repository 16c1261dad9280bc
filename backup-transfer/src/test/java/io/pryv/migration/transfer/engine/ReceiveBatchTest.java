package io.pryv.migration.transfer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.transfer.TestTrees;
import io.pryv.migration.transfer.side.LocalSide;
import io.pryv.migration.transfer.side.RemoteShell;
import io.pryv.migration.transfer.side.RemoteSide;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.RelativePaths;
import io.pryv.migration.transfer.tree.Tree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The far side's receive script (through SSH, the MINA server running this machine's sh) fed a push
 * batch as {@link TarBatchWriter} writes it: it commits only a batch whose every hash checks, and
 * says how many it checked.
 */
class ReceiveBatchTest extends OverMinaSsh {
  private record Received(
      int exit, String out, String err, RemoteSide side, RemoteProcess process) {}

  @Test
  void verifiedBatchIsCommittedAndItsCountConfirmed(@TempDir Path dir) throws Exception {
    Path src = source(dir);
    Path dst = destination(dir);
    Received received = receive(dst, batch(src));
    received.process().close();
    assertEquals(0, received.exit(), received.err());
    assertEquals("verified 3\n", received.out());
    assertEquals(3, PushSender.confirmed(received.out(), 3, "far side"));
    assertEquals("new content\n", Files.readString(dst.resolve("plain.txt")));
    assertEquals("odd name\n", Files.readString(dst.resolve("odd\\name")));
    assertEquals("deeper\n", Files.readString(dst.resolve("sub/deeper.txt")));
    assertNoStaging(dst);
  }

  @Test
  void wrongHashForAPlainNameCommitsNothing(@TempDir Path dir) throws Exception {
    Path src = source(dir);
    refusedWithOldFileKept(dir, src, tamper(batch(src), Sha256.hexOf(src.resolve("plain.txt"))));
  }

  @Test
  void wrongHashForANameSha256sumEscapesCommitsNothing(@TempDir Path dir) throws Exception {
    Path src = source(dir);
    refusedWithOldFileKept(dir, src, tamper(batch(src), Sha256.hexOf(src.resolve("odd\\name"))));
  }

  @Test
  void aBatchCutBeforeItsCheckListsCommitsNothing(@TempDir Path dir) throws Exception {
    // Cut at a member's boundary (the sender killed, the connection lost), the stream is a valid
    // tar for tar.
    Path dst = destination(dir);
    Received received = receive(dst, withoutCheckLists(batch(source(dir))));
    received.process().close();
    assertEquals(71, received.exit(), received.err());
    assertTrue(received.err().contains("the batch ended before its check lists"), received.err());
    assertEquals("", received.out());
    assertEquals("old content\n", Files.readString(dst.resolve("plain.txt")));
    assertFalse(Files.exists(dst.resolve("sub")), "nothing of the batch under its final name");
    assertNoStaging(dst);
  }

  /**
   * The batch's folders and files, ended as a complete archive, without the check lists that come
   * last.
   */
  private static byte[] withoutCheckLists(byte[] batch) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveInputStream in =
            new TarArchiveInputStream(new java.io.ByteArrayInputStream(batch), "UTF-8");
        TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, "UTF-8")) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().startsWith(RelativePaths.PARTIAL_PREFIX)) {
          break;
        }
        byte[] content = in.readAllBytes();
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
      }
      out.finish();
    }
    return bytes.toByteArray();
  }

  private static void refusedWithOldFileKept(Path dir, Path src, byte[] tampered) throws Exception {
    Path dst = destination(dir);
    Object inode = Files.getAttribute(dst.resolve("plain.txt"), "unix:ino");
    Received received = receive(dst, tampered);
    assertEquals(72, received.exit(), received.err());
    assertEquals("", received.out(), "no verified count for a refused batch");
    assertTrue(received.err().contains("FAILED"), received.err());
    ToolException error =
        assertThrows(
            ToolException.class,
            () ->
                received
                    .side()
                    .check(
                        received.process(),
                        PushSender.explain(received.err()),
                        "receiving a batch"));
    received.process().close();
    assertTrue(error.getMessage().contains("(exit 72)"), error.getMessage());
    assertTrue(
        error
            .getMessage()
            .contains("SHA-256 mismatch after transfer, nothing of this batch was committed"),
        error.getMessage());

    assertEquals(
        "old content\n", Files.readString(dst.resolve("plain.txt")), "the old file is untouched");
    assertEquals(OLD_TIME, Files.getLastModifiedTime(dst.resolve("plain.txt")));
    assertEquals(inode, Files.getAttribute(dst.resolve("plain.txt"), "unix:ino"));
    assertFalse(
        Files.exists(dst.resolve("odd\\name")), "nothing of the batch under its final name");
    assertFalse(Files.exists(dst.resolve("sub")), "nothing of the batch under its final name");
    assertNoStaging(dst);
    assertNotEquals(Sha256.hexOf(src.resolve("plain.txt")), Sha256.hexOf(dst.resolve("plain.txt")));
  }

  private static Path source(Path dir) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/sub"));
    Files.writeString(src.resolve("deeper.txt"), "deeper\n");
    Files.writeString(dir.resolve("src/plain.txt"), "new content\n");
    Files.writeString(dir.resolve("src/odd\\name"), "odd name\n");
    return dir.resolve("src");
  }

  private static Path destination(Path dir) throws IOException {
    Path dst = Files.createDirectories(dir.resolve("dst"));
    Files.writeString(dst.resolve("plain.txt"), "old content\n");
    Files.setLastModifiedTime(dst.resolve("plain.txt"), OLD_TIME);
    return dst;
  }

  /** The batch exactly as a push writes it: folders, files, then the hash lists. */
  private static byte[] batch(Path src) throws IOException {
    Tree tree = TestTrees.readAll(new LocalSide(src).listSorted(false)).tree();
    List<Entry> dirs =
        tree.entries().stream()
            .filter(Entry::isDir)
            .sorted(Comparator.comparing(Entry::path))
            .toList();
    List<Entry> files = tree.entries().stream().filter(Entry::isFile).toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertEquals(
        3,
        new TarBatchWriter(src, new ProgressDisplay(null, false, Clock.systemUTC(), "", 0, 0))
            .write(bytes, dirs, files));
    return bytes.toByteArray();
  }

  /** The same batch, with {@code hash} replaced by another one in every hash list that holds it. */
  private static byte[] tamper(byte[] batch, String hash) throws IOException {
    String wrong =
        Sha256.hex(Sha256.newDigest().digest("something else".getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int replaced = 0;
    try (TarArchiveInputStream in =
            new TarArchiveInputStream(new java.io.ByteArrayInputStream(batch), "UTF-8");
        TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, "UTF-8")) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().startsWith(RelativePaths.PARTIAL_PREFIX)) {
          String text = new String(content, StandardCharsets.UTF_8);
          if (text.contains(hash)) {
            replaced++;
            content = text.replace(hash, wrong).getBytes(StandardCharsets.UTF_8);
          }
        }
        entry.setSize(content.length);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
      }
      out.finish();
    }
    assertTrue(replaced > 0, "the hash is in the batch's check lists");
    return bytes.toByteArray();
  }

  private static Received receive(Path dst, byte[] tar) throws Exception {
    RemoteSide side =
        new RemoteSide(ssh.target(), CompletableFuture.completedFuture(ssh), dst.toString());
    RemoteProcess process =
        side.startReceive(RelativePaths.PARTIAL_PREFIX + "test-0", 1_400_000_000L);
    CompletableFuture<String> out = RemoteShell.readText(process.stdout());
    CompletableFuture<String> err = RemoteShell.readText(process.stderr());
    try (OutputStream stdin = process.stdin()) {
      stdin.write(tar);
    }
    int exit = process.waitFor(Duration.ofSeconds(30));
    return new Received(exit, out.join(), err.join(), side, process);
  }

  private static void assertNoStaging(Path dst) throws IOException {
    try (Stream<Path> all = Files.walk(dst)) {
      List<Path> left =
          all.filter(p -> p.getFileName().toString().startsWith(RelativePaths.PARTIAL_PREFIX))
              .toList();
      assertEquals(List.of(), left);
    }
  }
}
