package io.pryv.migration.transfer.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code manifest -o FILE} writes like every other file the tools replace (common's
 * SafeFileWriter).
 */
class ManifestFileTest {
  @TempDir Path dir;

  @Test
  void replacingAManifestKeepsItsModeAndLeavesNoTempFile() throws Exception {
    Path file = dir.resolve("m.sha256");
    Files.writeString(file, "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    ManifestFile.write(file, print -> print.print("new\n"));

    assertEquals("new\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(1, left.count(), "only the manifest");
    }
  }

  @Test
  void aLinkStaysALinkAndItsTargetGetsTheManifest() throws Exception {
    Path real = Files.writeString(dir.resolve("real.sha256"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("current.sha256"), Path.of("real.sha256"));

    ManifestFile.write(link, print -> print.print("new\n"));

    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new\n", Files.readString(real));
  }

  @Test
  void aNameOfTheLongestLengthCanBeWritten() throws Exception {
    Path file = dir.resolve("m".repeat(255));

    ManifestFile.write(file, print -> print.print("x\n"));

    assertEquals("x\n", Files.readString(file));
  }
}
