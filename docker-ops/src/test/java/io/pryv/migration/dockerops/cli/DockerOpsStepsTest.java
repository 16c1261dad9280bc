package io.pryv.migration.dockerops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import io.pryv.migration.dockerops.mongo.BsonDocumentCounterTest;
import io.pryv.migration.dockerops.mongo.ShellMongoCounter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mongo-dump,influx-backup} in one call: the two steps run side by side, and print as if one
 * after the other (logs and reports in the order given; the first failing step in that order gives
 * the error line and the exit code). The machine ({@code --exec local}) is {@link Tools}: mongodump
 * does not finish before influx has been asked something, so the steps must overlap. The real
 * programs (the MongoDB stand-in and real influxd in containers) run the same call in
 * DockerMongoIT.
 */
class DockerOpsStepsTest {
  @TempDir Path root;

  /** mongodump, mongosh, influx and influxd as docker-ops runs them with --exec local. */
  static final class Tools implements ProcessRunner {
    final CountDownLatch influxAsked = new CountDownLatch(1);
    private final boolean mongodumpFails;
    private final boolean influxdFails;

    Tools(boolean mongodumpFails, boolean influxdFails) {
      this.mongodumpFails = mongodumpFails;
      this.influxdFails = influxdFails;
    }

    @Override
    public Result run(List<String> command, Path workingDir, Duration timeout) {
      try {
        return answer(command);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    private Result answer(List<String> command) throws IOException, InterruptedException {
      String last = command.get(command.size() - 1);
      switch (command.get(0)) {
        case "mongodump" -> {
          if (!influxAsked.await(20, TimeUnit.SECONDS)) {
            return new Result(command, 1, "", "not side by side: influx was not asked meanwhile\n");
          }
          if (mongodumpFails) {
            return new Result(command, 1, "", "Failed: error connecting to db server\n");
          }
          Path folder = Files.createDirectories(Path.of(last).resolve("pryv-node"));
          Files.write(folder.resolve("events.bson"), BsonDocumentCounterTest.bsonFile(12));
          Files.writeString(folder.resolve("events.metadata.json"), "{}");
          return new Result(command, 0, "", "done dumping pryv-node.events (12 documents)\n");
        }
        case "mongosh" -> {
          assertEquals(ShellMongoCounter.script(), last);
          return new Result(command, 0, "{\"shell\":\"1.8.2\",\"counts\":{\"events\":12}}\n", "");
        }
        case "influx" -> {
          influxAsked.countDown();
          return new Result(
              command,
              0,
              "{\"results\":[{\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],"
                  + "\"values\":[[\"_internal\"]]}]}]}\n",
              "");
        }
        case "influxd" -> {
          if (influxdFails) {
            return new Result(command, 1, "", "backup: connection refused\n");
          }
          Files.writeString(
              Path.of(last).resolve("20260101T000000Z.manifest"),
              "{\"meta\":{\"fileName\":\"20260101T000000Z.meta\",\"size\":3},\"files\":[]}");
          Files.writeString(Path.of(last).resolve("20260101T000000Z.meta"), "abc");
          return new Result(command, 0, "", "backing up metastore\n");
        }
        default -> {
          return new Result(command, 127, "", command.get(0) + ": not found\n");
        }
      }
    }
  }

  record Run(int exit, String out, String err) {}

  private Run dump(Tools tools, String... more) throws IOException {
    Files.createDirectories(root.resolve("pryv/mongodb/backup"));
    Files.createDirectories(root.resolve("pryv/influxdb/backup"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--exec", "local", "--conf-root", root.toString(), "mongo-dump,influx-backup"));
    args.addAll(List.of(more));
    int exit =
        new DockerOpsTool(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(),
                Clock.systemUTC(),
                options -> Machine.of(tools, new LocalHostFiles()))
            .run(args.toArray(String[]::new));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theMongoAndInfluxStepsRunSideBySideAndPrintInTheOrderGiven() throws Exception {
    Run run = dump(new Tools(false, false));
    assertEquals(0, run.exit(), run.toString());
    int mongo = run.out().indexOf("dump of pryv-node verified: 12 documents in 1 collections");
    int influx = run.out().indexOf("InfluxDB backup verified: 0 databases");
    assertTrue(mongo >= 0 && influx > mongo, run.out());
    // influxd ran while mongodump waited, yet mongo-dump's log comes first, whole
    int mongodump = run.err().indexOf("$ mongodump -d pryv-node -o ");
    int mongodumpOutput = run.err().indexOf("done dumping pryv-node.events");
    int influxd = run.err().indexOf("$ influxd backup -portable ");
    assertTrue(
        mongodump >= 0 && mongodumpOutput > mongodump && influxd > mongodumpOutput, run.err());
  }

  @Test
  void jsonHoldsBothReportsInTheOrderGiven() throws Exception {
    Run run = dump(new Tools(false, false), "--json");
    assertEquals(0, run.exit(), run.toString());
    JsonNode steps = new ObjectMapper().readTree(run.out()).path("steps");
    assertEquals(2, steps.size(), run.out());
    assertEquals("mongo-dump", steps.path(0).path("command").asText());
    assertEquals(12, steps.path(0).path("report").path("totalDocuments").asLong());
    assertEquals("influx-backup", steps.path(1).path("command").asText());
  }

  @Test
  void aFailingMongoStepGivesTheErrorLineAndTheInfluxLogIsStillShown() throws Exception {
    Run run = dump(new Tools(true, false));
    assertEquals(4, run.exit(), run.toString());
    String errorLine = run.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(errorLine.startsWith("docker-ops: error: "), run.err());
    assertTrue(errorLine.contains("mongodump"), errorLine);
    assertTrue(run.err().contains("$ influxd backup -portable "), "it ran: " + run.err());
    assertFalse(run.out().contains("dump of pryv-node verified"), run.out());
    assertFalse(run.out().contains("InfluxDB backup verified"), "the call stopped: " + run.out());
  }

  @Test
  void aFailingInfluxStepComesAfterTheMongoReport() throws Exception {
    Run run = dump(new Tools(false, true));
    assertEquals(4, run.exit(), run.toString());
    assertTrue(run.out().contains("dump of pryv-node verified: 12 documents"), run.out());
    String errorLine = run.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(errorLine.startsWith("docker-ops: error: "), run.err());
    assertTrue(errorLine.contains("connection refused"), errorLine);
    assertTrue(errorLine.contains("influxd backup"), errorLine);
  }

  @Test
  void withTheMechanismOffTheStepsRunOneAfterTheOther() {
    String property = "pryv.migration.fastPath.off";
    System.setProperty(property, "side-by-side-steps");
    try {
      assertEquals(
          List.of(List.of(DockerOpsVerb.MONGO_DUMP), List.of(DockerOpsVerb.INFLUX_BACKUP)),
          DockerOpsSteps.groups(List.of(DockerOpsVerb.MONGO_DUMP, DockerOpsVerb.INFLUX_BACKUP)));
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void ensurePermissionsStaysBeforeBothAndOtherStepsStayAlone() {
    assertEquals(
        List.of(
            List.of(DockerOpsVerb.ENSURE_PERMISSIONS),
            List.of(DockerOpsVerb.MONGO_RESTORE, DockerOpsVerb.INFLUX_RESTORE)),
        DockerOpsSteps.groups(
            List.of(
                DockerOpsVerb.ENSURE_PERMISSIONS,
                DockerOpsVerb.MONGO_RESTORE,
                DockerOpsVerb.INFLUX_RESTORE)));
    assertEquals(
        List.of(
            List.of(DockerOpsVerb.INFLUX_BACKUP, DockerOpsVerb.MONGO_DUMP),
            List.of(DockerOpsVerb.MONGO_CHECK)),
        DockerOpsSteps.groups(
            List.of(
                DockerOpsVerb.INFLUX_BACKUP, DockerOpsVerb.MONGO_DUMP, DockerOpsVerb.MONGO_CHECK)));
    assertEquals(
        List.of(
            List.of(DockerOpsVerb.MONGO_DUMP),
            List.of(DockerOpsVerb.ENSURE_PERMISSIONS),
            List.of(DockerOpsVerb.INFLUX_BACKUP)),
        DockerOpsSteps.groups(
            List.of(
                DockerOpsVerb.MONGO_DUMP,
                DockerOpsVerb.ENSURE_PERMISSIONS,
                DockerOpsVerb.INFLUX_BACKUP)));
  }
}
