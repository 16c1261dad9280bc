package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import io.pryv.migration.dockerops.testing.TestDocker;
import io.pryv.migration.dockerops.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mongo-dump / mongo-restore through the real Docker engine: {@code docker exec pryvio_mongodb
 * /app/bin/mongodb/bin/mongodump ...} in a container with Pryv's backup mount. No MongoDB server or tools can be
 * installed here: the container's mongodump/mongorestore are the Python stand-ins of the test image (pymongo,
 * real BSON files), the live database is mongo-java-server (a real wire-protocol server) on the host network,
 * and the live counts use the official Java driver ({@code --mongo-uri}).
 */
class DockerMongoIT {
  private static final String SOURCE = "pryvio_mongodb";
  private static final String DEST = "pryvio_mongodb_dest";
  private TestDocker docker;
  private final List<MongoServer> servers = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (docker != null) {
      docker.remove(SOURCE, DEST);
    }
    servers.forEach(MongoServer::shutdownNow);
  }

  private String server() {
    MongoServer server = new MongoServer(new MemoryBackend());
    servers.add(server);
    return "127.0.0.1:" + server.bind().getPort();
  }

  private Path container(String name, Path confRoot) throws Exception {
    Path backup = Files.createDirectories(confRoot.resolve("pryv/mongodb/backup"));
    docker.ok("run", "-d", "--name", name, "--network", "host", "-v", backup + ":/app/backup/",
        "pryv-test/mongodb:1");
    return backup;
  }

  @Test
  void dumpAndRestoreThroughDockerExec() throws Exception {
    docker = TestDocker.require("pryv-test/mongodb:1");
    docker.remove(SOURCE, DEST);
    String source = server();
    String dest = server();
    try (MongoClient client = MongoClients.create("mongodb://" + source)) {
      var db = client.getDatabase("pryv-node");
      List<Document> events = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        events.add(new Document("streamIds", List.of("diary")).append("type", "note/txt").append("content", "é" + i));
      }
      db.getCollection("events").insertMany(events);
      db.getCollection("streams").insertOne(new Document("_id", "diary").append("name", "Diary"));
      db.getCollection("accesses").insertOne(new Document("token", "t1"));
    }
    Path sourceRoot = dir.resolve("source");
    Path destRoot = dir.resolve("dest");
    Path sourceBackup = container(SOURCE, sourceRoot);
    Path destBackup = container(DEST, destRoot);
    Files.createDirectories(sourceBackup.resolve("pryv-node"));
    Files.writeString(sourceBackup.resolve("pryv-node/stale.bson"), "from an older dump");

    ToolRun dump = ToolRun.of("--docker-host", docker.host(), "--conf-root", sourceRoot.toString(),
        "--mongo-host", source, "--mongo-uri", "mongodb://" + source, "mongo-dump");
    assertEquals(0, dump.exit(), dump.toString());
    assertTrue(dump.err().contains("$ docker -H " + docker.host() + " exec pryvio_mongodb"
        + " /app/bin/mongodb/bin/mongodump --host 127.0.0.1 --port " + source.split(":")[1]
        + " -d pryv-node -o /app/backup/"), dump.err());
    assertTrue(dump.out().contains("dump of pryv-node verified: 1002 documents in 3 collections"), dump.out());
    DumpManifest manifest = DumpManifest.read(new LocalHostFiles(),
        sourceBackup.resolve("pryv-node.dump-manifest.json").toString());
    assertEquals(new TreeMap<>(Map.of("accesses", 1L, "events", 1000L, "streams", 1L)), manifest.dumpCounts());
    assertTrue(dump.out().contains("earlier dump moved aside to " + sourceBackup + ".aside-"), dump.out());

    // transfer (what backup-transfer does), then restore into the other container's database
    copyTree(sourceBackup, destBackup);
    ToolRun restore = ToolRun.of("--docker-host", docker.host(), "--conf-root", destRoot.toString(),
        "--mongo-container", DEST, "--mongo-host", dest, "--mongo-uri", "mongodb://" + dest, "mongo-restore");
    assertEquals(0, restore.exit(), restore.toString());
    assertTrue(restore.out().contains("restore of pryv-node verified: every collection holds the 1002 documents"),
        restore.out());

    ToolRun again = ToolRun.of("--docker-host", docker.host(), "--conf-root", destRoot.toString(),
        "--mongo-container", DEST, "--mongo-host", dest, "--mongo-uri", "mongodb://" + dest, "mongo-restore");
    assertEquals(4, again.exit(), again.toString());
    assertTrue(again.err().contains("already holds 1002 documents in 3 collections"), again.err());

    ToolRun drop = ToolRun.of("--docker-host", docker.host(), "--conf-root", destRoot.toString(),
        "--mongo-container", DEST, "--mongo-host", dest, "--mongo-uri", "mongodb://" + dest, "mongo-restore",
        "--drop");
    assertEquals(0, drop.exit(), drop.toString());
    assertTrue(drop.err().contains("/app/bin/mongodb/bin/mongorestore --host 127.0.0.1 --port "
        + dest.split(":")[1] + " --drop --nsInclude 'pryv-node.*' /app/backup/"), drop.err());

    docker.ok("stop", "-t", "1", SOURCE);
    ToolRun stopped = ToolRun.of("--docker-host", docker.host(), "--conf-root", sourceRoot.toString(),
        "--mongo-host", source, "--mongo-uri", "mongodb://" + source, "mongo-dump");
    assertEquals(4, stopped.exit(), stopped.toString());
    assertTrue(stopped.err().contains("docker-ops: error: container pryvio_mongodb is not running"), stopped.err());
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
