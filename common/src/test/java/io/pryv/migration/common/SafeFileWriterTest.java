package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFileWriterTest {
  @TempDir Path dir;

  @Test
  void replacesKeepsBackupAndMode() throws Exception {
    Path file = dir.resolve("site-443.conf");
    byte[] original = "old\r\n".getBytes(StandardCharsets.UTF_8);
    Files.write(file, original);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    SafeFileWriter.Result result =
        SafeFileWriter.replace(
            file, original, bytes("new\r\n"), SafeFileWriter.defaultBackup(file));

    assertTrue(result.written());
    assertEquals("new\r\n", Files.readString(file));
    Path backup = dir.resolve("site-443.conf.bak");
    assertArrayEquals(original, Files.readAllBytes(backup));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temp file left behind");
    }
  }

  @Test
  void sameContentIsNotWritten() throws Exception {
    Path file = dir.resolve("a.yml");
    Files.write(file, bytes("x: 1\n"));
    SafeFileWriter.Result result =
        SafeFileWriter.replace(
            file, bytes("x: 1\n"), bytes("x: 1\n"), SafeFileWriter.defaultBackup(file));
    assertFalse(result.written());
    assertFalse(Files.exists(SafeFileWriter.defaultBackup(file)));
  }

  @Test
  void refusesWhenTheFileChangedSinceItWasRead() throws Exception {
    Path file = dir.resolve("a.yml");
    Files.write(file, bytes("x: 2\n"));
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> SafeFileWriter.replace(file, bytes("x: 1\n"), bytes("x: 3\n"), false));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertEquals("x: 2\n", Files.readString(file));
  }

  @Test
  void backupNameCannotMatchAnIncludeGlob() {
    Path backup = SafeFileWriter.defaultBackup(Path.of("/var/pryv/nginx/conf/site-443.conf"));
    assertFalse(
        backup.getFileSystem().getPathMatcher("glob:site*.conf").matches(backup.getFileName()));
  }

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetIsWrittenInPlaceWithItsModeAndBackup() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real")).resolve("real-site.conf");
    Files.write(real, bytes("old\n"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path link =
        Files.createSymbolicLink(conf.resolve("site-443.conf"), Path.of("../real/real-site.conf"));

    SafeFileWriter.Result result =
        SafeFileWriter.replace(link, bytes("old\n"), bytes("new\n"), true);

    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals(Path.of("../real/real-site.conf"), Files.readSymbolicLink(link));
    assertEquals("new\n", Files.readString(real));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    assertEquals(
        Optional.of(dir.resolve("real/real-site.conf.bak")),
        result.backup(),
        "backup beside the target");
    assertEquals("old\n", Files.readString(dir.resolve("real/real-site.conf.bak")));
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("real/real-site.conf.bak"))));
    try (Stream<Path> files = Files.list(conf)) {
      assertEquals(List.of(link), files.toList(), "nothing new beside the link");
    }
  }

  @Test
  void writeAtomicallyThroughALinkWritesItsTarget() throws Exception {
    Path real = dir.resolve("real.json");
    Files.write(real, bytes("{}"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
    Path link = Files.createSymbolicLink(dir.resolve("out.json"), real.getFileName());
    SafeFileWriter.writeAtomically(link, bytes("[1]"));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("[1]", Files.readString(real));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
  }

  @Test
  void streamedContentLeavesNoHalfFileWhenItFails() throws Exception {
    Path target = dir.resolve("snapshot.jsonl");
    Files.write(target, bytes("old"));
    assertThrows(
        IllegalStateException.class,
        () ->
            SafeFileWriter.writeAtomically(
                target,
                out -> {
                  out.write(bytes("half"));
                  throw new IllegalStateException("cut short");
                }));
    assertEquals("old", Files.readString(target), "the earlier file stays whole");
    SafeFileWriter.writeAtomically(
        target,
        out -> {
          for (int i = 0; i < 3; i++) {
            out.write(bytes("line " + i + "\n"));
          }
        });
    assertEquals("line 0\nline 1\nline 2\n", Files.readString(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList(), "no temp file left");
    }
  }

  @Test
  void aSecretIsOwnerOnlyEvenOverAReadableFile() throws Exception {
    Path token = dir.resolve("seed.json.token");
    SafeFileWriter.writeSecret(token, bytes("alice t1\n"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
    SafeFileWriter.writeSecret(token, bytes("alice t2\n"));
    assertEquals("alice t2\n", Files.readString(token));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
  }

  @Test
  void aFolderIsRefusedInTheCommonWords() throws Exception {
    ToolException e =
        assertThrows(
            ToolException.class, () -> SafeFileWriter.replace(dir, null, bytes("x"), true));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertEquals(dir + " is a folder, not a file", e.getMessage());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
