package io.pryv.migration.dockerops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.testing.TestDocker;
import io.pryv.migration.dockerops.testing.BackupCopy;
import io.pryv.migration.dockerops.testing.InfluxContainer;
import io.pryv.migration.dockerops.testing.MongoStandIn;
import io.pryv.migration.dockerops.testing.ToolRun;
import io.pryv.migration.ssh.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two calls migrate-core.sh makes inside the downtime window, through the real Docker engine:
 * {@code mongo-dump,influx-backup} on a source (the MongoDB stand-in's 6.0 image, mongosh, and a
 * real InfluxDB container) and {@code mongo-restore,influx-restore --drop} on a dest; the MongoDB
 * and InfluxDB steps run side by side, and the call prints and fails as if one after the other.
 * Locally, and with {@code --host} through a real OpenSSH sshd on 127.0.0.1 (as migrate-core.sh
 * reaches dest: the two steps' commands and file checks share one SSH connection).
 */
class DockerStepsIT {
  private final List<String> containers = new ArrayList<>();
  private TestDocker docker;
  private OpenSshServer sshd; // null: docker-ops runs its commands here

  @TempDir Path dir;

  @AfterEach
  void remove() throws Exception {
    if (docker != null) {
      docker.remove(containers.toArray(String[]::new));
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  private String influx(String name, Path confRoot) throws Exception {
    containers.add(name);
    docker.remove(name);
    InfluxContainer.start(docker, name, confRoot, dir.resolve("import"));
    return name;
  }

  private String mongo(String name, Path confRoot, Path seed) throws Exception {
    Path backup = Files.createDirectories(confRoot.resolve("pryv/mongodb/backup"));
    containers.add(name);
    docker.remove(name);
    MongoStandIn.start(docker, name, "6.0", backup, seed);
    return name;
  }

  private ToolRun call(Path confRoot, String mongo, String influx, String... more) {
    List<String> args = new ArrayList<>();
    if (sshd != null) {
      args.addAll(
          List.of(
              "--host",
              sshd.user() + "@" + OpenSshServer.HOST,
              "-p",
              "" + sshd.port(),
              "-i",
              sshd.rsaKey().toString(),
              "--known-hosts",
              sshd.knownHosts().toString()));
    }
    args.addAll(
        List.of(
            "--docker-host",
            docker.host(),
            "--conf-root",
            confRoot.toString(),
            "--mongo-container",
            mongo,
            "--influx-container",
            influx));
    args.addAll(List.of(more));
    return ToolRun.of(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "over SSH: {0}")
  @ValueSource(booleans = {false, true})
  void dumpAndRestoreCallsRunBothDatabasesSideBySide(boolean overSsh) throws Exception {
    docker = TestDocker.require(MongoStandIn.image("6.0"), InfluxContainer.IMAGE);
    if (overSsh) {
      sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")));
    }
    Files.createDirectories(dir.resolve("import"));
    List<String> lines =
        new ArrayList<>(List.of("# DDL", "CREATE DATABASE \"user.ck-1\"", "# DML"));
    lines.add("# CONTEXT-DATABASE: user.ck-1");
    for (int i = 0; i < 50; i++) {
      lines.add("event.e" + (i % 2) + " value=" + i + " " + (1_600_000_000L + i) + "000000000");
    }
    Files.write(dir.resolve("import/data.txt"), lines);
    List<Document> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(new Document("_id", "e" + i).append("type", "note/txt"));
    }
    MongoStandIn.writeDump(dir.resolve("seed"), "pryv-node", Map.of("events", events));

    Path sourceRoot = dir.resolve("source");
    Path destRoot = dir.resolve("dest");
    String sourceMongo =
        mongo(TestDocker.name("pryvio_mongodb_steps"), sourceRoot, dir.resolve("seed"));
    String sourceInflux = influx(TestDocker.name("pryvio_influxdb_steps"), sourceRoot);
    String destMongo = mongo(TestDocker.name("pryvio_mongodb_steps_dest"), destRoot, null);
    String destInflux = influx(TestDocker.name("pryvio_influxdb_steps_dest"), destRoot);
    MongoStandIn.seed(docker, sourceMongo);
    docker.ok("exec", sourceInflux, "influx", "-import", "-path", "/import/data.txt");

    ToolRun dump = call(sourceRoot, sourceMongo, sourceInflux, "mongo-dump,influx-backup");
    assertEquals(0, dump.exit(), dump.toString());
    int mongoReport = dump.out().indexOf("dump of pryv-node verified: 30 documents");
    int influxReport = dump.out().indexOf("InfluxDB backup verified: 1 databases");
    assertTrue(mongoReport >= 0 && influxReport > mongoReport, dump.out());
    int mongodump = dump.err().indexOf(MongoStandIn.BIN + "mongodump -d pryv-node");
    int influxd = dump.err().indexOf("/usr/bin/influxd backup -portable");
    assertTrue(mongodump >= 0 && influxd > mongodump, dump.err());

    for (String kind : List.of("mongodb", "influxdb")) {
      BackupCopy.copyTree(
          sourceRoot.resolve("pryv/" + kind + "/backup"),
          destRoot.resolve("pryv/" + kind + "/backup"));
    }
    // a copy cut short on dest: refused before mongorestore runs, named by its size
    Path eventsBson = destRoot.resolve("pryv/mongodb/backup/pryv-node/events.bson");
    byte[] whole = Files.readAllBytes(eventsBson);
    Files.write(eventsBson, java.util.Arrays.copyOf(whole, whole.length - 100));
    ToolRun cut = call(destRoot, destMongo, destInflux, "--drop", "mongo-restore");
    assertEquals(3, cut.exit(), cut.toString());
    assertTrue(
        cut.err()
            .contains(
                "does not match its manifest (incomplete or mixed copy?): events.bson: "
                    + whole.length
                    + " bytes in the manifest, "
                    + (whole.length - 100)
                    + " bytes in the dump"),
        cut.err());
    assertFalse(cut.err().contains("mongorestore"), "mongorestore never ran: " + cut.err());
    Files.write(eventsBson, whole);

    ToolRun restore =
        call(destRoot, destMongo, destInflux, "--json", "--drop", "mongo-restore,influx-restore");
    assertEquals(0, restore.exit(), restore.toString());
    JsonNode steps = new ObjectMapper().readTree(restore.out()).path("steps");
    assertEquals("mongo-restore", steps.path(0).path("command").asText());
    assertEquals(30, steps.path(0).path("report").path("restored").path("events").asLong());
    assertEquals("influx-restore", steps.path(1).path("command").asText());
    assertEquals(
        50,
        steps.path(1).path("report").path("restored").path("user.ck-1").path("points").asLong(),
        restore.out());

    // InfluxDB fails (its container stopped): MongoDB's report is printed, the error line is
    // InfluxDB's
    docker.ok("stop", "-t", "1", sourceInflux);
    ToolRun influxDown = call(sourceRoot, sourceMongo, sourceInflux, "mongo-dump,influx-backup");
    assertEquals(4, influxDown.exit(), influxDown.toString());
    assertTrue(
        influxDown.out().contains("dump of pryv-node verified: 30 documents"), influxDown.out());
    assertTrue(
        lastLine(influxDown.err())
            .startsWith("docker-ops: error: container " + sourceInflux + " is not running"),
        influxDown.err());

    // MongoDB fails too: its error line comes first in the order given, InfluxDB's log is shown
    docker.ok("stop", "-t", "1", sourceMongo);
    ToolRun bothDown = call(sourceRoot, sourceMongo, sourceInflux, "mongo-dump,influx-backup");
    assertEquals(4, bothDown.exit(), bothDown.toString());
    assertTrue(
        lastLine(bothDown.err())
            .startsWith("docker-ops: error: container " + sourceMongo + " is not running"),
        bothDown.err());
    assertEquals("", bothDown.out());
  }

  private static String lastLine(String text) {
    return text.strip().lines().reduce((a, b) -> b).orElse("");
  }
}
