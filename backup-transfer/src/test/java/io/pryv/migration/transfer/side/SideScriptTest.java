package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.RequiredPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every side script passes shellcheck as it runs ({@code lib.sh} followed by the script, checked as
 * POSIX sh) and takes values only as positional arguments, never as text within the script.
 */
class SideScriptTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(SideScript.class)
  void passesShellcheckAsItRuns(SideScript script) throws Exception {
    Path shellcheck = RequiredPrograms.require("shellcheck");
    Path file = dir.resolve(script.fileName());
    Files.writeString(file, script.text(), StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(shellcheck.toString(), "--shell=sh", "--severity=info", file.toString())
            .redirectErrorStream(true)
            .start();
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), script.fileName() + ":\n" + report);
  }

  @org.junit.jupiter.api.Test
  void aFolderNameFullOfShellSyntaxIsOnlyEverAName() throws Exception {
    Path folder =
        Files.createDirectories(dir.resolve("$(touch pwned)'\"; touch pwned2 `touch pwned3`"));
    Files.writeString(folder.resolve("f"), "x");
    Process process =
        new ProcessBuilder(SideScript.LIST_SOURCE.command(folder.toString(), "plain", "-P"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), out);
    assertTrue(out.contains("\0f//f 1 "), out);
    try (var names = Files.list(dir)) {
      assertEquals(java.util.List.of(folder), names.toList(), "nothing but the folder itself");
    }
  }
}
