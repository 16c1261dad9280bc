package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.testing.TestDocker;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import io.pryv.migration.dockerops.testing.BackupCopy;
import io.pryv.migration.dockerops.testing.MongoStandIn;
import io.pryv.migration.dockerops.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mongo-dump and mongo-restore through the real Docker engine, on both generations of Pryv's
 * pryvio_mongodb: the 3.6 image (legacy {@code mongo} shell) and the current 6.0 image ({@code
 * mongosh}, Database Tools 100.x, no {@code mongo}). docker-ops runs with Pryv's defaults only (no
 * --mongo-host, no --mongo-uri): every tool runs in the container through docker exec, the live
 * counts through whichever shell the container has. MongoDB cannot be installed here: the
 * containers' programs are the stand-in of stand-ins/mongodb (mongod is mongo-java-server, a real
 * wire-protocol server; dump and restore write and read real BSON files). The documents are written
 * and read back by this test with the driver's own BSON codec.
 */
class DockerMongoIT {
  private final List<String> containers = new ArrayList<>();
  private TestDocker docker;

  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (docker != null) {
      docker.remove(containers.toArray(String[]::new));
    }
  }

  private static Map<String, List<Document>> pryvNode() {
    List<Document> events = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      events.add(
          new Document("_id", new ObjectId())
              .append("streamIds", List.of("diary"))
              .append("type", "note/txt")
              .append("content", "é" + i)
              .append("time", 1.6e9 + i));
    }
    return Map.of(
        "events",
        events,
        "streams",
        List.of(new Document("_id", "diary").append("name", "Diary").append("parentId", null)),
        "accesses",
        List.of(new Document("_id", "a1").append("token", "t1").append("type", "personal")));
  }

  @ParameterizedTest(name = "MongoDB {0} image, shell {1}")
  @CsvSource({"3.6, mongo, 3.6.23", "6.0, mongosh, 1.8.2"})
  void dumpAndRestoreThroughDockerExec(String generation, String shell, String shellVersion)
      throws Exception {
    docker = TestDocker.require(MongoStandIn.image(generation));
    String source = TestDocker.name("pryvio_mongodb_" + shell);
    String dest = TestDocker.name("pryvio_mongodb_dest_" + shell);
    containers.addAll(List.of(source, dest));
    docker.remove(source, dest);
    Map<String, List<Document>> written = pryvNode();
    Path seed = dir.resolve("seed");
    MongoStandIn.writeDump(seed, "pryv-node", written);
    Path sourceRoot = dir.resolve("source");
    Path destRoot = dir.resolve("dest");
    Path sourceBackup = Files.createDirectories(sourceRoot.resolve("pryv/mongodb/backup"));
    Path destBackup = Files.createDirectories(destRoot.resolve("pryv/mongodb/backup"));
    MongoStandIn.start(docker, source, generation, sourceBackup, seed);
    MongoStandIn.start(docker, dest, generation, destBackup, null);
    MongoStandIn.seed(docker, source);
    Files.createDirectories(sourceBackup.resolve("pryv-node"));
    Files.writeString(sourceBackup.resolve("pryv-node/stale.bson"), "from an older dump");

    ToolRun dump =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--conf-root",
            sourceRoot.toString(),
            "--mongo-container",
            source,
            "mongo-dump");
    assertEquals(0, dump.exit(), dump.toString());
    String found = shell + " " + shellVersion + " (" + MongoStandIn.BIN + shell + ") in " + source;
    assertTrue(dump.out().contains("live documents counted with " + found + "\n"), dump.out());
    assertTrue(
        dump.out().contains("dump of pryv-node verified: 1002 documents in 3 collections"),
        dump.out());
    assertTrue(
        dump.err()
            .contains(
                "$ docker -H "
                    + docker.host()
                    + " exec "
                    + source
                    + " "
                    + MongoStandIn.BIN
                    + "mongodump -d pryv-node -o /app/backup/"),
        dump.err());
    assertTrue(
        dump.out().contains("earlier dump moved aside to " + sourceBackup + ".aside-"), dump.out());

    // the dump layout: one COLL.bson of concatenated BSON documents and one COLL.metadata.json per
    // collection
    Path folder = sourceBackup.resolve("pryv-node");
    assertEquals(
        List.of(
            "accesses.bson",
            "accesses.metadata.json",
            "events.bson",
            "events.metadata.json",
            "streams.bson",
            "streams.metadata.json"),
        names(folder));
    for (String collection : written.keySet()) {
      assertEquals(
          sortedJson(written.get(collection)),
          sortedJson(MongoStandIn.readBson(folder.resolve(collection + ".bson"))),
          collection + ": the documents written are the documents dumped");
      Document metadata =
          Document.parse(Files.readString(folder.resolve(collection + ".metadata.json")));
      assertTrue(metadata.containsKey("indexes"), metadata.toJson());
    }
    DumpManifest manifest =
        DumpManifest.read(
            new LocalHostFiles(), sourceBackup.resolve("pryv-node.dump-manifest.json").toString());
    assertEquals(
        new TreeMap<>(Map.of("accesses", 1L, "events", 1000L, "streams", 1L)),
        manifest.dumpCounts());
    assertEquals(manifest.dumpCounts(), manifest.liveCounts());
    assertEquals(found, manifest.liveCountedBy());

    // transfer (what backup-transfer does), then restore into the other container's database
    BackupCopy.copyTree(sourceBackup, destBackup);
    String[] restoreArgs = {
      "--docker-host",
      docker.host(),
      "--conf-root",
      destRoot.toString(),
      "--mongo-container",
      dest,
      "--json",
      "mongo-restore"
    };
    ToolRun restore = ToolRun.of(restoreArgs);
    assertEquals(0, restore.exit(), restore.toString());
    JsonNode report = new ObjectMapper().readTree(restore.out());
    assertEquals(1000, report.path("restored").path("events").asLong(), restore.out());
    assertEquals(shell, report.path("shell").path("name").asText(), restore.out());
    assertEquals(shellVersion, report.path("shell").path("version").asText(), restore.out());
    assertEquals(found.replace(source, dest), report.path("liveCountedBy").asText(), restore.out());

    ToolRun again = ToolRun.of(restoreArgs);
    assertEquals(4, again.exit(), again.toString());
    assertTrue(again.err().contains("already holds 1002 documents in 3 collections"), again.err());

    ToolRun drop =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--conf-root",
            destRoot.toString(),
            "--mongo-container",
            dest,
            "mongo-restore",
            "--drop");
    assertEquals(0, drop.exit(), drop.toString());
    assertTrue(
        drop.err()
            .contains(
                MongoStandIn.BIN + "mongorestore --drop --nsInclude 'pryv-node.*' /app/backup/"),
        drop.err());
    assertTrue(
        drop.out()
            .contains("restore of pryv-node verified: every collection holds the 1002 documents"),
        drop.out());
    assertTrue(
        drop.out()
            .contains("documents on dest before the restore: " + MongoRestore.NOT_COUNTED_DROP),
        drop.out());

    docker.ok("stop", "-t", "1", source);
    ToolRun stopped =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--conf-root",
            sourceRoot.toString(),
            "--mongo-container",
            source,
            "mongo-dump");
    assertEquals(4, stopped.exit(), stopped.toString());
    assertTrue(
        stopped.err().contains("docker-ops: error: container " + source + " is not running"),
        stopped.err());
  }

  private static List<String> sortedJson(List<Document> documents) {
    return documents.stream().map(Document::toJson).sorted(Comparator.naturalOrder()).toList();
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
