package io.pryv.migration.nginx.rewriter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * The built jar, run where file modes apply: an unreadable site file, an unreadable include and a
 * folder it cannot write in are each one line that names the user's file (never our temp file,
 * never Python's {@code [Errno 13]}), exit 4 as in every tool, and nothing changes.
 */
class PermissionDeniedIT {
  private static final Path JAR = Path.of("target/nginx-rewriter.jar");
  @TempDir Path work;
  private byte[] original;

  @BeforeEach
  void setUp() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/pryv/cluster-core.site-443.conf")) {
      original = in.readAllBytes();
    }
  }

  @AfterEach
  void makeDeletable() throws Exception {
    FileModesApply.restoreModes(work);
  }

  @Test
  void anUnreadableSiteFile() throws Exception {
    Path site = Files.write(work.resolve("site-443.conf"), original);
    Files.setPosixFilePermissions(site, PosixFilePermissions.fromString("---------"));
    ProcessRunner.Result result = run("status", site.toString());
    assertEquals(4, result.exitCode(), result.stderr());
    assertEquals("nginx-rewriter: error: permission denied: " + site + "\n", result.stderr());
  }

  @Test
  void anUnreadableInclude() throws Exception {
    Path site = Files.writeString(work.resolve("site-443.conf"), "include upstreams.conf;\n");
    Path include = Files.write(work.resolve("upstreams.conf"), original);
    Files.setPosixFilePermissions(include, PosixFilePermissions.fromString("---------"));
    ProcessRunner.Result result = run("redirect", site.toString(), "--to", "10.0.0.2");
    assertEquals(4, result.exitCode(), result.stderr());
    assertEquals(
        "nginx-rewriter: error: "
            + site
            + ":1: permission denied: "
            + include
            + "; nothing changed\n",
        result.stderr());
    assertFalse(result.stderr().contains("Errno"));
  }

  @Test
  void aFolderItCannotWriteIn() throws Exception {
    Path conf = Files.createDirectories(work.resolve("conf"));
    Path site = Files.write(conf.resolve("site-443.conf"), original);
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("r-xr-xr-x"));
    ProcessRunner.Result result = run("redirect", site.toString(), "--to", "10.0.0.2");
    assertEquals(4, result.exitCode(), result.stderr());
    assertEquals(
        "nginx-rewriter: error: permission denied: "
            + site
            + " (writing in the folder "
            + conf
            + ")\n",
        result.stderr());
    assertArrayEquals(original, Files.readAllBytes(site));
    try (var files = Files.list(conf)) {
      assertEquals(List.of(site), files.toList());
    }
  }

  private static ProcessRunner.Result run(String... args) {
    return FileModesApply.runJar(JAR, args);
  }
}
