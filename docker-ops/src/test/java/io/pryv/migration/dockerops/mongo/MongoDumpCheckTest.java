package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.cli.DockerOpsOptionsParser;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mongo-check on real BSON dump folders: reads files only (any command or live count fails the
 * test), compares with the manifest, and writes the manifest of a hand-made dump without ever
 * replacing one that disagrees.
 */
class MongoDumpCheckTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  @TempDir Path root;

  private MongoDumpCheck check(boolean dryRun) {
    PryvLayout layout =
        DockerOpsOptionsParser.parse(
                new String[] {"--conf-root", root.toString(), "mongo-check"}, Map.of())
            .layout();
    ProcessRunner noProcess =
        (command, dir, timeout) -> {
          throw new AssertionError("mongo-check ran " + command);
        };
    LiveMongoCounter noDatabase =
        new LiveMongoCounter() {
          @Override
          public java.util.SortedMap<String, Long> count(String database) {
            throw new AssertionError("mongo-check counted the live database");
          }

          @Override
          public String description() {
            return "nothing";
          }
        };
    PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
    return new MongoDumpCheck(
        new MongoContext(
            new CommandRunner(noProcess, dryRun, logStream, Duration.ofSeconds(5), ""),
            new Commands(layout),
            new LocalHostFiles(),
            noDatabase,
            Clock.fixed(Instant.parse("2026-03-01T10:20:30Z"), ZoneOffset.UTC),
            logStream));
  }

  /** A dump made by hand: events 30, streams 4, an empty collection with only its metadata. */
  private Path handMadeDump() throws Exception {
    Path db = Files.createDirectories(root.resolve("pryv/mongodb/backup/pryv-node"));
    Files.write(db.resolve("events.bson"), BsonDocumentCounterTest.bsonFile(30));
    Files.write(db.resolve("streams.bson"), BsonDocumentCounterTest.bsonFile(4));
    Files.writeString(db.resolve("webhooks.metadata.json"), "{}");
    return db;
  }

  private Path manifest() {
    return root.resolve("pryv/mongodb/backup/pryv-node.dump-manifest.json");
  }

  @Test
  void writesTheManifestOfAHandMadeDumpThenTheCheckPasses() throws Exception {
    handMadeDump();
    var expected = new TreeMap<>(Map.of("events", 30L, "streams", 4L, "webhooks", 0L));

    MongoDumpCheck.Report written = check(false).writeManifest();
    assertEquals(MongoDumpCheck.Outcome.MANIFEST_WRITTEN, written.outcome());
    DumpManifest manifest = DumpManifest.read(new LocalHostFiles(), manifest().toString());
    assertEquals(expected, manifest.dumpCounts());
    assertEquals(Map.of(), manifest.liveCounts());
    assertEquals(MongoDumpCheck.NO_LIVE_COUNT, manifest.liveCountedBy());
    assertEquals(34, manifest.totalDocuments());

    MongoDumpCheck.Report checked = check(false).check();
    assertEquals(MongoDumpCheck.Outcome.MATCHES, checked.outcome());
    assertEquals(expected, checked.dumpCounts());
    assertEquals(List.of(), checked.differences());

    // a second --write-manifest finds the same counts and leaves the file alone
    byte[] before = Files.readAllBytes(manifest());
    assertEquals(
        MongoDumpCheck.Outcome.MANIFEST_ALREADY_THERE, check(false).writeManifest().outcome());
    assertArrayEquals(before, Files.readAllBytes(manifest()));
  }

  @Test
  void aTruncatedAndARemovedFileAreDifferencesNamingTheirCollections() throws Exception {
    Path db = handMadeDump();
    check(false).writeManifest();
    byte[] events = Files.readAllBytes(db.resolve("events.bson"));
    Files.write(
        db.resolve("events.bson"), Arrays.copyOf(events, events.length - 10)); // transfer cut short
    Files.delete(db.resolve("streams.bson"));

    MongoDumpCheck.Report report = check(false).check();
    assertEquals(MongoDumpCheck.Outcome.DIFFERS, report.outcome());
    assertEquals(2, report.differences().size(), report.differences().toString());
    assertTrue(
        report
            .differences()
            .get(0)
            .startsWith(
                "events: 30 in the manifest, unreadable file: "
                    + db
                    + "/events.bson: truncated document at byte "),
        report.differences().get(0));
    assertEquals(
        "streams: 4 in the manifest, missing in the dump files", report.differences().get(1));
  }

  @Test
  void neverReplacesAManifestThatDisagreesWithTheFiles() throws Exception {
    Path db = handMadeDump();
    check(false).writeManifest();
    byte[] before = Files.readAllBytes(manifest());
    Files.delete(db.resolve("streams.bson"));
    MongoDumpCheck.Report report = check(false).writeManifest();
    assertEquals(MongoDumpCheck.Outcome.MANIFEST_DISAGREES, report.outcome());
    assertEquals(
        List.of("streams: 4 in the existing manifest, missing in the dump files"),
        report.differences());
    assertArrayEquals(before, Files.readAllBytes(manifest()));
  }

  @Test
  void noManifestOrNoDumpIsBadInput() throws Exception {
    handMadeDump();
    ToolException noManifest = assertThrows(ToolException.class, () -> check(false).check());
    assertEquals(ExitCode.BAD_INPUT, noManifest.exitCode());
    assertTrue(
        noManifest.getMessage().contains("mongo-check --write-manifest"), noManifest.getMessage());

    check(false).writeManifest();
    Files.walk(root.resolve("pryv/mongodb/backup/pryv-node"))
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    ToolException noDump = assertThrows(ToolException.class, () -> check(false).check());
    assertEquals(ExitCode.BAD_INPUT, noDump.exitCode());
    assertTrue(noDump.getMessage().startsWith("no dump at "), noDump.getMessage());
  }

  @Test
  void dryRunSaysWhatItWouldReadAndWritesNothing() throws Exception {
    handMadeDump();
    assertEquals(MongoDumpCheck.Outcome.DRY_RUN, check(true).writeManifest().outcome());
    assertFalse(Files.exists(manifest()));
    assertTrue(
        log.toString(StandardCharsets.UTF_8)
            .contains(
                "would count the documents in "
                    + root
                    + "/pryv/mongodb/backup/pryv-node/*.bson[.gz] and write "
                    + manifest()),
        log.toString());
  }
}
