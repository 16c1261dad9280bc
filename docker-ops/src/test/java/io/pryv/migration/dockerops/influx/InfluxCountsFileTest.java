package io.pryv.migration.dockerops.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the counts file that influx-backup leaves beside the backup: what a restore relies on.
 */
class InfluxCountsFileTest {
  @TempDir Path backup;

  @Test
  void aMissingCountsFileIsBadInputNamingWhereItComesFrom() {
    String path = backup.resolve(InfluxCountsFile.FILE_NAME).toString();
    ToolException e =
        assertThrows(ToolException.class, () -> InfluxCountsFile.read(new LocalHostFiles(), path));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "no "
                    + InfluxCountsFile.FILE_NAME
                    + " at "
                    + path
                    + " (written by docker-ops influx-backup"),
        e.getMessage());
  }

  @Test
  void aFileThatIsNotJsonIsBadInputToo() throws Exception {
    Path file = Files.writeString(backup.resolve(InfluxCountsFile.FILE_NAME), "not json");
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> InfluxCountsFile.read(new LocalHostFiles(), file.toString()));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith(file + " is unreadable: "), e.getMessage());
  }
}
