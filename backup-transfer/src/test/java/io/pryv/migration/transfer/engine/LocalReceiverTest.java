package io.pryv.migration.transfer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A local destination takes a file's final name only when what it wrote hashes to the sender's
 * SHA-256.
 */
class LocalReceiverTest {
  private static final byte[] NEW = "new content\n".getBytes(StandardCharsets.UTF_8);
  private static final Entry ITEM =
      new Entry("f.txt", Entry.Type.FILE, NEW.length, 1_600_000_000L, 0640, 0, 0, null);
  private static final FileTime OLD_TIME = FileTime.fromMillis(1_500_000_000_000L);

  private static LocalReceiver receiver(Path root) {
    return new LocalReceiver(
        root, false, true, new ProgressDisplay(null, false, Clock.systemUTC(), "", 0, 0), "test");
  }

  private static Path oldFile(Path root) throws IOException {
    Path file = Files.writeString(root.resolve("f.txt"), "old content\n");
    Files.setLastModifiedTime(file, OLD_TIME);
    return file;
  }

  @ParameterizedTest(name = "reread={0}")
  @ValueSource(booleans = {false, true})
  void wrongSenderHashKeepsTheOldFileAndNoTemporaryFile(boolean reread, @TempDir Path root)
      throws Exception {
    Path file = oldFile(root);
    Object inode = Files.getAttribute(file, "unix:ino");
    String wrong =
        Sha256.hex(Sha256.newDigest().digest("other content".getBytes(StandardCharsets.UTF_8)));
    ToolException error =
        assertThrows(
            ToolException.class,
            () ->
                receiver(root)
                    .receiveFile(ITEM, new ByteArrayInputStream(NEW), () -> wrong, reread));
    assertTrue(
        error.getMessage().startsWith("SHA-256 mismatch for 'f.txt' (sent " + wrong),
        error.getMessage());
    assertTrue(error.getMessage().contains("the old file was kept"), error.getMessage());
    assertEquals("old content\n", Files.readString(file));
    assertEquals(OLD_TIME, Files.getLastModifiedTime(file));
    assertEquals(inode, Files.getAttribute(file, "unix:ino"));
    assertEquals(List.of(file), list(root), "no temporary file left");
  }

  @Test
  void streamEndingEarlyKeepsTheOldFileAndNoTemporaryFile(@TempDir Path root) throws Exception {
    Path file = oldFile(root);
    byte[] truncated = java.util.Arrays.copyOf(NEW, NEW.length - 1);
    String right = Sha256.hex(Sha256.newDigest().digest(NEW));
    assertThrows(
        ToolException.class,
        () ->
            receiver(root)
                .receiveFile(ITEM, new ByteArrayInputStream(truncated), () -> right, false));
    assertEquals("old content\n", Files.readString(file));
    assertEquals(List.of(file), list(root));
  }

  @Test
  void matchingHashReplacesTheFileWithItsModeAndTime(@TempDir Path root) throws Exception {
    Path file = oldFile(root);
    String right = Sha256.hex(Sha256.newDigest().digest(NEW));
    receiver(root).receiveFile(ITEM, new ByteArrayInputStream(NEW), () -> right, true);
    assertEquals("new content\n", Files.readString(file));
    assertEquals(1_600_000_000_000L, Files.getLastModifiedTime(file).toMillis());
    assertEquals(
        "rw-r-----",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of(file), list(root));
  }

  private static List<Path> list(Path root) throws IOException {
    try (Stream<Path> all = Files.list(root)) {
      List<Path> paths = all.sorted().toList();
      assertTrue(
          paths.stream()
              .noneMatch(p -> p.getFileName().toString().startsWith(RelativePaths.PARTIAL_PREFIX)),
          paths.toString());
      return paths;
    }
  }
}
