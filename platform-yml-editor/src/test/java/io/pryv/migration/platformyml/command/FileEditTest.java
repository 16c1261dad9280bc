package io.pryv.migration.platformyml.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.path.YamlPath;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEditTest {
  @TempDir Path dir;

  private static WriteOptions write(boolean dryRun, boolean backup) {
    return new WriteOptions(Optional.empty(), false, dryRun, backup);
  }

  @Test
  void aFileChangedOnDiskAfterItWasReadIsNotOverwritten() throws Exception {
    Path file = dir.resolve("platform.yml");
    Files.writeString(file, "ip: 1.1.1.1\n");
    YamlText read = Commands.read(file);
    Files.writeString(file, "ip: 3.3.3.3\n"); // someone else's edit lands meanwhile
    ToolException e =
        assertThrows(
            ToolException.class,
            () ->
                FileEdit.apply(
                    file, read, YamlPath.parse("ip"), "2.2.2.2", write(false, true), null));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage().contains("changed on disk while it was being edited; nothing written"),
        e.getMessage());
    assertEquals("ip: 3.3.3.3\n", Files.readString(file));
    assertFalse(Files.exists(dir.resolve("platform.yml.bak")));
  }

  @Test
  void writesKeepTheModeAndCanSkipTheBackup() throws Exception {
    Path file = dir.resolve("platform.yml");
    Files.writeString(file, "ip: 1.1.1.1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    FileEdit.apply(
        file, Commands.read(file), YamlPath.parse("ip"), "2.2.2.2", write(false, false), null);
    assertEquals("ip: 2.2.2.2\n", Files.readString(file));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertFalse(Files.exists(dir.resolve("platform.yml.bak")));
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "no temp file left behind");
    }
  }

  @Test
  void jsonReportSaysWhatHappened() throws Exception {
    Path file = dir.resolve("platform.yml");
    Files.writeString(file, "a:\n  ip: '1.1.1.1'\n");
    EditReport edit =
        FileEdit.apply(
            file, Commands.read(file), YamlPath.parse("a.ip"), "2.2.2.2", write(true, true), null);
    Map<?, ?> report = JsonOutput.mapper().readValue(JsonOutput.toJson(edit), Map.class);
    assertEquals("a.ip", report.get("path"));
    assertEquals("1.1.1.1", report.get("old"));
    assertEquals("2.2.2.2", report.get("new"));
    assertEquals(true, report.get("changed"));
    assertEquals(true, report.get("dryRun"));
    assertEquals(false, report.get("written"));
    assertTrue(((String) report.get("diff")).contains("-  ip: '1.1.1.1'\n+  ip: '2.2.2.2'\n"));
    assertArrayEquals(
        "a:\n  ip: '1.1.1.1'\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
  }
}
