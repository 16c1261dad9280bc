package io.pryv.migration.dockerops.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoveAsideTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:20:30Z"), ZoneOffset.UTC);
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final MoveAside moveAside =
      new MoveAside(
          new LocalHostFiles(), clock, new PrintStream(log, true, StandardCharsets.UTF_8));

  @Test
  void movesEverythingAsideAndDeletesNothing(@TempDir Path dir) throws Exception {
    Path backup = Files.createDirectories(dir.resolve("backup"));
    Files.createDirectories(backup.resolve("pryv-node"));
    Files.writeString(backup.resolve("pryv-node/events.bson"), "old");
    Files.writeString(backup.resolve("pryv-node.dump-manifest.json"), "{}");

    Optional<String> aside = moveAside.moveAside(backup.toString(), false);

    Path expected = dir.resolve("backup.aside-20260301T102030Z");
    assertEquals(Optional.of(expected.toString()), aside);
    assertEquals(
        List.of(), new LocalHostFiles().list(backup.toString()), "the backup folder is empty");
    assertTrue(Files.isDirectory(backup), "the folder itself stays (bind mount target)");
    assertEquals("old", Files.readString(expected.resolve("pryv-node/events.bson")));
    assertTrue(Files.exists(expected.resolve("pryv-node.dump-manifest.json")));
    assertTrue(
        log.toString(StandardCharsets.UTF_8)
            .contains(
                "moving the earlier backup in "
                    + backup
                    + " aside to "
                    + expected
                    + " (nothing is deleted): pryv-node, pryv-node.dump-manifest.json"));

    // a second dump the same second gets its own aside folder
    Files.writeString(backup.resolve("new.bson"), "x");
    assertEquals(Optional.of(expected + "-2"), moveAside.moveAside(backup.toString(), false));
  }

  @Test
  void dryRunOnlySaysIt(@TempDir Path dir) throws Exception {
    Path backup = Files.createDirectories(dir.resolve("backup"));
    Files.writeString(backup.resolve("x.manifest"), "m");
    assertTrue(moveAside.moveAside(backup.toString(), true).isPresent());
    assertTrue(Files.exists(backup.resolve("x.manifest")));
    assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("would move"));
  }

  @Test
  void emptyOrMissingFolderNeedsNothing(@TempDir Path dir) throws Exception {
    assertEquals(
        Optional.empty(),
        moveAside.moveAside(Files.createDirectories(dir.resolve("b")).toString(), false));
    assertEquals(Optional.empty(), moveAside.moveAside(dir.resolve("none").toString(), false));
    assertEquals("", log.toString(StandardCharsets.UTF_8));
  }
}
