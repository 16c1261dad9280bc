package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same problem with a user's path reads the same in every tool, and names the path the user
 * gave.
 */
class FileErrorsTest {
  @TempDir Path dir;

  @Test
  void aFolderGivenAsAFile() {
    ToolException e = assertThrows(ToolException.class, () -> FileErrors.requireReadableFile(dir));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertEquals(dir + " is a folder, not a file", e.getMessage());
  }

  @Test
  void noSuchFile() {
    Path missing = dir.resolve("site-443.conf");
    ToolException e = assertThrows(ToolException.class, () -> FileErrors.readFile(missing));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertEquals("no such file: " + missing, e.getMessage());
  }

  @Test
  void aNameTooLongIsSaidSoAndCut() {
    Path longName = dir.resolve("a".repeat(300));
    ToolException e =
        assertThrows(ToolException.class, () -> FileErrors.requireReadableFile(longName));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    String name = longName.toString();
    String shown = name.substring(0, 80) + "..." + name.substring(name.length() - 30);
    assertEquals(
        "name too long: "
            + shown
            + " ("
            + name.length()
            + " characters) (a file name"
            + " can have at most 255 bytes, a path 4095)",
        e.getMessage());
  }

  @Test
  void permissionDeniedOnOurTempFileNamesTheUsersFileAndItsFolder() {
    Path given = Path.of("conf/site-443.conf");
    IOException onTemp = new AccessDeniedException("/etc/pryv/conf/.site-443.conf.tmp-4242");
    ToolException e = FileErrors.describe(given, onTemp);
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertEquals(
        "permission denied: conf/site-443.conf (writing in the folder /etc/pryv/conf)",
        e.getMessage());
    assertEquals(
        "permission denied: conf/site-443.conf",
        FileErrors.describe(given, new AccessDeniedException("conf/site-443.conf")).getMessage());
  }

  @Test
  void theSystemsReasonsMapToTheSameWords() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertEquals(
        "no such file: " + file,
        FileErrors.describe(file, new NoSuchFileException(file.toString())).getMessage());
    assertEquals(
        file + " is a folder, not a file",
        FileErrors.describe(file, new FileSystemException(file.toString(), null, "Is a directory"))
            .getMessage());
    assertEquals(
        "permission denied: " + file,
        FileErrors.describe(
                file, new FileSystemException(file.toString(), null, "Permission denied"))
            .getMessage());
    assertEquals(
        "read-only file system: cannot write " + file,
        FileErrors.describe(
                file, new FileSystemException(file.toString(), null, "Read-only file system"))
            .getMessage());
    assertEquals(
        "permission denied: " + file + " (writing the backup " + file + ".bak)",
        FileErrors.describe(file, new AccessDeniedException(file + ".bak")).getMessage());
  }
}
