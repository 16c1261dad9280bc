package io.pryv.migration.dockerops.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsurePermissionsTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private EnsurePermissions tool(boolean dryRun) {
    PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8);
    return new EnsurePermissions(
        new CommandRunner(ProcessRunner.local(), dryRun, p, Duration.ofSeconds(30), ""),
        new LocalHostFiles(),
        p);
  }

  @Test
  void chownsPryvAndConfigFollowerRecursively(@TempDir Path root) throws Exception {
    // Skips on a developer's machine, fails under -Dit.required=true / CI, which runs the build as
    // root.
    boolean isRoot = Integer.valueOf(0).equals(Files.getAttribute(root, "unix:uid"));
    RequiredPrograms.requireThat(isRoot, "root (chown to 9999:9999)");
    Files.createDirectories(root.resolve("pryv/core/data/user1"));
    Files.writeString(root.resolve("pryv/core/data/user1/attachment"), "x");
    Files.createDirectories(root.resolve("config-follower/conf"));
    Files.createDirectories(root.resolve("other"));
    EnsurePermissions.Report report = tool(false).run(root.toString(), "9999:9999", false);
    assertEquals(List.of(root + "/pryv", root + "/config-follower"), report.changed());
    for (String p : List.of("pryv", "pryv/core/data/user1/attachment", "config-follower/conf")) {
      assertEquals(9999, Files.getAttribute(root.resolve(p), "unix:uid"), p);
      assertEquals(9999, Files.getAttribute(root.resolve(p), "unix:gid"), p);
    }
    assertEquals(
        0, Files.getAttribute(root.resolve("other"), "unix:uid"), "only the two Pryv folders");
  }

  @Test
  void missingFolderIsSkippedAndDryRunTouchesNothing(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("pryv"));
    Object uid = Files.getAttribute(root.resolve("pryv"), "unix:uid");
    EnsurePermissions.Report report = tool(true).run(root.toString(), "9999:9999", true);
    assertEquals(List.of(root + "/config-follower"), report.missing());
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("skipping " + root + "/config-follower: no such folder"), text);
    assertTrue(text.contains("would run: sudo -n chown -R 9999:9999 -- " + root + "/pryv"), text);
    assertEquals(uid, Files.getAttribute(root.resolve("pryv"), "unix:uid"));
  }
}
