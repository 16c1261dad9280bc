package io.pryv.migration.dockerops.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.TestDocker;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import io.pryv.migration.dockerops.mongo.DumpManifest;
import io.pryv.migration.dockerops.testing.MongoStandIn;
import io.pryv.migration.dockerops.testing.ToolRun;
import io.pryv.migration.ssh.testing.OpenSshServer;
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
 * The live count of mongo-dump over {@code --host} (a real sshd on 127.0.0.1, the test Docker
 * engine, the 6.0 stand-in on the host network): through the driver over an SSH port forward to the
 * address {@code docker inspect} gives on the host, with JSch and with {@code --openssh}; the same
 * counts as the container's shell, which counts with the fast path off.
 */
class SshDriverCountIT {
  private static final String OFF = "pryv.migration.fastPath.off";
  private static final Map<String, Long> COUNTS =
      new TreeMap<>(Map.of("events", 120L, "streams", 2L));

  @TempDir Path dir;
  private TestDocker docker;
  private String name;

  @AfterEach
  void stop() {
    if (docker != null && name != null) {
      docker.remove(name);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private DumpManifest manifest(Path backup) throws Exception {
    return DumpManifest.read(
        new LocalHostFiles(), backup.resolve("pryv-node.dump-manifest.json").toString());
  }

  private static ToolRun withFastPathOff(String[] args) {
    String before = System.getProperty(OFF);
    System.setProperty(OFF, "container-driver-count");
    try {
      return ToolRun.of(args);
    } finally {
      if (before == null) {
        System.clearProperty(OFF);
      } else {
        System.setProperty(OFF, before);
      }
    }
  }

  @Test
  void overSshTheDriverCountsThroughAForwardAsTheShellDoes() throws Exception {
    docker = TestDocker.require(MongoStandIn.image("6.0"));
    name = TestDocker.name("pryvio_mongodb_sshfwd");
    docker.remove(name);
    List<Document> events = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      events.add(new Document("_id", "e" + i).append("n", i));
    }
    Path seed = dir.resolve("seed");
    MongoStandIn.writeDump(
        seed,
        "pryv-node",
        Map.of(
            "events",
            events,
            "streams",
            List.of(new Document("_id", "a"), new Document("_id", "b"))));
    Path root = dir.resolve("pryv-root");
    Path backup = Files.createDirectories(root.resolve("pryv/mongodb/backup"));
    int port = freePort();
    MongoStandIn.startOnHostNetwork(docker, name, "6.0", backup, seed, port);
    MongoStandIn.seed(docker, name, port);
    try (OpenSshServer server = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")))) {
      List<String> common =
          List.of(
              "--host",
              server.user() + "@" + OpenSshServer.HOST,
              "-p",
              "" + server.port(),
              "-i",
              server.rsaKey().toString(),
              "--known-hosts",
              server.knownHosts().toString(),
              "--docker-host",
              docker.host(),
              "--conf-root",
              root.toString(),
              "--mongo-container",
              name,
              "--mongo-host",
              "127.0.0.1:" + port);
      String byDriver =
          "the MongoDB driver at 127.0.0.1:" + port + " over an SSH forward (127.0.0.1:";
      for (List<String> transport : List.of(List.<String>of(), List.of("--openssh"))) {
        List<String> args = new ArrayList<>(common);
        args.addAll(transport);
        args.add("mongo-dump");
        ToolRun driver = ToolRun.of(args.toArray(String[]::new));
        assertEquals(0, driver.exit(), driver + "\nsshd: " + server.log());
        assertTrue(
            driver.out().contains("live documents counted with " + byDriver),
            transport + driver.out());
        assertFalse(driver.err().contains("no MongoDB driver count"), driver.err());
        DumpManifest counted = manifest(backup);
        assertEquals(COUNTS, counted.liveCounts(), transport.toString());
        assertTrue(counted.liveCountedBy().startsWith(byDriver), counted.liveCountedBy());
      }

      List<String> args = new ArrayList<>(common);
      args.add("mongo-dump");
      ToolRun shell = withFastPathOff(args.toArray(String[]::new));
      assertEquals(0, shell.exit(), shell.toString());
      String mongosh = "mongosh 1.8.2 (" + MongoStandIn.BIN + "mongosh) in " + name;
      assertTrue(
          shell.out().contains("live documents counted with " + mongosh + "\n"), shell.out());
      assertEquals(COUNTS, manifest(backup).liveCounts(), "the driver counts as the shell");
    }
  }
}
