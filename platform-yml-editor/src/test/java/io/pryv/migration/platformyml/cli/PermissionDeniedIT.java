package io.pryv.migration.platformyml.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.testing.FileModesApply;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, run where file modes apply: an unreadable platform.yml and a folder it cannot
 * write in are each one line naming the user's file (never our temp file), exit 4, and nothing
 * changes.
 */
class PermissionDeniedIT {
  private static final Path JAR = Path.of("target/platform-yml-editor.jar");
  @TempDir Path work;
  private byte[] original;

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/pryv/current-cluster.yml")) {
      original = in.readAllBytes();
    }
  }

  @AfterEach
  void makeDeletable() throws Exception {
    FileModesApply.restoreModes(work);
  }

  @Test
  void anUnreadableFile() throws Exception {
    Path file = Files.write(work.resolve("platform.yml"), original);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    ProcessRunner.Result result = run("list-cores", file.toString());
    assertEquals(4, result.exitCode(), result.stderr());
    assertEquals("platform-yml-editor: error: permission denied: " + file + "\n", result.stderr());
  }

  @Test
  void aFolderItCannotWriteIn() throws Exception {
    Path conf = Files.createDirectories(work.resolve("conf"));
    Path file = Files.write(conf.resolve("platform.yml"), original);
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("r-xr-xr-x"));
    ProcessRunner.Result result =
        run("set-core-ip", file.toString(), "--core", "co1", "--ip", "10.0.0.5");
    assertEquals(4, result.exitCode(), result.stderr());
    assertEquals(
        "platform-yml-editor: error: permission denied: "
            + file
            + " (writing in the folder "
            + conf
            + ")\n",
        result.stderr());
    assertArrayEquals(original, Files.readAllBytes(file));
    try (var files = Files.list(conf)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  private static ProcessRunner.Result run(String... args) {
    return FileModesApply.runJar(JAR, args);
  }
}
