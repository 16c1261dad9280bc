package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.TestDocker;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import io.pryv.migration.dockerops.testing.MongoStandIn;
import io.pryv.migration.dockerops.testing.ToolRun;
import java.net.ServerSocket;
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
 * The live count of mongo-dump on local containers through the real Docker engine and the 6.0
 * stand-in image: through the driver at the container's address when mongod answers there (a
 * container on the host network, as {@code network_mode: host}: its address is 127.0.0.1), the same
 * counts as the container's shell; and through the shell, after one log line, when the container
 * has no address (no network, as every other container IT runs it).
 */
class DockerDriverCountIT {
  private static final String OFF = "pryv.migration.fastPath.off";

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
    for (int i = 0; i < 300; i++) {
      events.add(new Document("_id", "e" + i).append("type", "note/txt").append("content", i));
    }
    return Map.of(
        "events",
        events,
        "streams",
        List.of(new Document("_id", "diary"), new Document("_id", "work")),
        "accesses",
        List.of(new Document("_id", "a1").append("token", "t1")));
  }

  private static final Map<String, Long> COUNTS =
      new TreeMap<>(Map.of("accesses", 1L, "events", 300L, "streams", 2L));

  private Path seed() throws Exception {
    Path seed = dir.resolve("seed");
    MongoStandIn.writeDump(seed, "pryv-node", pryvNode());
    return seed;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A container name of its own (removed after the test), the test engine and image ready. */
  private String freshContainer(String prefix) throws Exception {
    docker = TestDocker.require(MongoStandIn.image("6.0"));
    String name = TestDocker.name(prefix);
    containers.add(name);
    docker.remove(name);
    return name;
  }

  private DumpManifest manifest(Path backup) throws Exception {
    return DumpManifest.read(
        new LocalHostFiles(), backup.resolve("pryv-node.dump-manifest.json").toString());
  }

  @Test
  void theDriverCountsAtTheContainersAddressAsTheShellDoes() throws Exception {
    String name = freshContainer("pryvio_mongodb_hostnet");
    Path root = dir.resolve("source");
    Path backup = Files.createDirectories(root.resolve("pryv/mongodb/backup"));
    int port = freePort();
    MongoStandIn.startOnHostNetwork(docker, name, "6.0", backup, seed(), port);
    MongoStandIn.seed(docker, name, port);
    String[] args = {
      "--docker-host",
      docker.host(),
      "--conf-root",
      root.toString(),
      "--mongo-container",
      name,
      "--mongo-host",
      "127.0.0.1:" + port,
      "mongo-dump"
    };

    ToolRun driver = ToolRun.of(args);
    assertEquals(0, driver.exit(), driver.toString());
    String uri = "mongodb://127.0.0.1:" + port + "/?directConnection=true";
    assertTrue(
        driver.out().contains("live documents counted with the MongoDB driver at " + uri + "\n"),
        driver.out());
    assertFalse(driver.err().contains("no MongoDB driver count"), driver.err());
    assertFalse(driver.err().contains("mongosh"), "no shell ran: " + driver.err());
    DumpManifest byDriver = manifest(backup);
    assertEquals(COUNTS, byDriver.liveCounts());
    assertEquals("the MongoDB driver at " + uri, byDriver.liveCountedBy());

    ToolRun shell;
    String before = System.getProperty(OFF);
    System.setProperty(OFF, "container-driver-count");
    try {
      shell = ToolRun.of(args);
    } finally {
      if (before == null) {
        System.clearProperty(OFF);
      } else {
        System.setProperty(OFF, before);
      }
    }
    assertEquals(0, shell.exit(), shell.toString());
    String mongosh = "mongosh 1.8.2 (" + MongoStandIn.BIN + "mongosh) in " + name;
    assertTrue(shell.out().contains("live documents counted with " + mongosh + "\n"), shell.out());
    DumpManifest byShell = manifest(backup);
    assertEquals(byDriver.liveCounts(), byShell.liveCounts(), "the driver counts as the shell");
    assertEquals(mongosh, byShell.liveCountedBy());
  }

  @Test
  void withoutAnAddressTheShellCounts() throws Exception {
    String name = freshContainer("pryvio_mongodb_nonet");
    Path root = dir.resolve("source");
    Path backup = Files.createDirectories(root.resolve("pryv/mongodb/backup"));
    MongoStandIn.start(docker, name, "6.0", backup, seed());
    MongoStandIn.seed(docker, name);

    ToolRun dump =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--conf-root",
            root.toString(),
            "--mongo-container",
            name,
            "mongo-dump");
    assertEquals(0, dump.exit(), dump.toString());
    assertTrue(
        dump.err()
            .contains(
                "no MongoDB driver count: "
                    + name
                    + " has no IP address (network mode none); counting with the mongo shell in "
                    + name
                    + "\n"),
        dump.err());
    String mongosh = "mongosh 1.8.2 (" + MongoStandIn.BIN + "mongosh) in " + name;
    assertTrue(dump.out().contains("live documents counted with " + mongosh + "\n"), dump.out());
    assertEquals(COUNTS, manifest(backup).liveCounts());
  }
}
