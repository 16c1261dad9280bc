package io.pryv.migration.dockerops.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.TestDocker;
import io.pryv.migration.dockerops.influx.InfluxCountsFile;
import io.pryv.migration.dockerops.influx.InfluxdServer;
import io.pryv.migration.dockerops.testing.MongoStandIn;
import io.pryv.migration.dockerops.testing.ToolRun;
import io.pryv.migration.ssh.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --host USER@HOST} through a real OpenSSH sshd on 127.0.0.1: every command, the docker CLI
 * and the file work (move aside, BSON/tar checks, manifests) run on the SSH side.
 */
class SshHostIT {
  @TempDir Path dir;

  private static List<String> ssh(OpenSshServer server) {
    return List.of(
        "--host",
        server.user() + "@" + OpenSshServer.HOST,
        "-p",
        "" + server.port(),
        "-i",
        server.rsaKey().toString(),
        "--known-hosts",
        server.knownHosts().toString());
  }

  private static String[] args(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  @Test
  void influxBackupAndRestoreOverSshWithLocalExec() throws Exception {
    try (OpenSshServer server = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")));
        InfluxdServer source = InfluxdServer.start(dir.resolve("source"));
        InfluxdServer dest = InfluxdServer.start(dir.resolve("dest"))) {
      source.execute(null, "CREATE DATABASE \"user.remote\"");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        lines.add("event.r" + (i % 4) + " value=" + i + " " + (1_600_000_000L + i));
      }
      source.insert("user.remote", lines);
      Path backup = Files.createDirectories(dir.resolve("backup"));
      Files.writeString(backup.resolve("old.manifest"), "earlier");

      ToolRun run =
          ToolRun.of(
              args(
                  ssh(server),
                  "--exec",
                  "local",
                  "--influx-rpc",
                  source.rpc(),
                  "--influx-http",
                  source.http(),
                  "--influx-backup-host",
                  backup.toString(),
                  "influx-backup"));
      assertEquals(0, run.exit(), run + "\nsshd: " + server.log());
      assertTrue(
          run.out()
              .contains("user.remote                             4 series          500 points"),
          run.out());
      assertTrue(
          Files.exists(backup.resolve(InfluxCountsFile.FILE_NAME)), "written through dd over SSH");
      try (Stream<Path> list = Files.list(dir)) {
        Path aside =
            list.filter(p -> p.getFileName().toString().startsWith("backup.aside-"))
                .findFirst()
                .orElseThrow();
        assertEquals("earlier", Files.readString(aside.resolve("old.manifest")));
      }

      ToolRun restore =
          ToolRun.of(
              args(
                  ssh(server),
                  "--exec",
                  "local",
                  "--influx-rpc",
                  dest.rpc(),
                  "--influx-http",
                  dest.http(),
                  "--influx-backup-host",
                  backup.toString(),
                  "influx-restore"));
      assertEquals(0, restore.exit(), restore.toString());
      assertTrue(
          dest.execute("user.remote", "SELECT COUNT(value) FROM \"event.r1\"").contains("125"));

      ToolRun again =
          ToolRun.of(
              args(
                  ssh(server),
                  "--exec",
                  "local",
                  "--influx-rpc",
                  dest.rpc(),
                  "--influx-http",
                  dest.http(),
                  "--influx-backup-host",
                  backup.toString(),
                  "influx-restore"));
      assertEquals(4, again.exit(), again.toString());
      assertTrue(
          again.err().startsWith("docker-ops: error: InfluxDB on " + server.user() + "@127.0.0.1"),
          again.err());
    }
  }

  @Test
  void containersAndMongoDumpOverSsh() throws Exception {
    TestDocker docker = TestDocker.require("pryv-test/nginx:1", MongoStandIn.image("6.0"));
    String nginx = TestDocker.name("pryvio_nginx");
    String mongodb = TestDocker.name("pryvio_mongodb");
    docker.remove(nginx, mongodb);
    try (OpenSshServer server = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")))) {
      docker.ok("run", "-d", "--name", nginx, "--network", "none", "pryv-test/nginx:1");
      Path root = dir.resolve("pryv-root");
      Path backup = Files.createDirectories(root.resolve("pryv/mongodb/backup"));
      List<org.bson.Document> events = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        events.add(new org.bson.Document("n", i));
      }
      Path seed = dir.resolve("seed");
      MongoStandIn.writeDump(seed, "pryv-node", java.util.Map.of("events", events));
      MongoStandIn.start(docker, mongodb, "6.0", backup, seed);
      MongoStandIn.seed(docker, mongodb);

      ToolRun restart =
          ToolRun.of(
              args(
                  ssh(server),
                  "--docker-host",
                  docker.host(),
                  "--stop-timeout",
                  "1",
                  "restart",
                  nginx));
      assertEquals(0, restart.exit(), restart.toString());
      assertTrue(restart.out().contains(String.format("%-24s running", nginx)), restart.out());
      ToolRun status =
          ToolRun.of(
              args(ssh(server), "--docker-host", docker.host(), "status", nginx, "pryvio_hfs"));
      assertTrue(status.out().contains("pryvio_hfs               absent"), status.out());

      ToolRun dump =
          ToolRun.of(
              args(
                  ssh(server),
                  "--docker-host",
                  docker.host(),
                  "--conf-root",
                  root.toString(),
                  "--mongo-container",
                  mongodb,
                  "mongo-dump"));
      assertEquals(0, dump.exit(), dump.toString());
      assertTrue(
          dump.out()
              .contains(
                  "live documents counted with mongosh 1.8.2 (/app/bin/mongodb/bin/mongosh) in"
                      + " "
                      + mongodb),
          dump.out());
      assertTrue(
          dump.out().contains("dump of pryv-node verified: 40 documents in 1 collections"),
          dump.out());
      assertTrue(Files.exists(backup.resolve("pryv-node.dump-manifest.json")));

      // on dest after the transfer: files only, read over SSH; then a hand-made dump's manifest
      // written there
      ToolRun check =
          ToolRun.of(
              args(ssh(server), "--exec", "local", "--conf-root", root.toString(), "mongo-check"));
      assertEquals(0, check.exit(), check.toString());
      assertTrue(
          check
              .out()
              .contains("dump of pryv-node matches its manifest: 40 documents in 1 collections"),
          check.out());
      Files.delete(backup.resolve("pryv-node.dump-manifest.json"));
      ToolRun write =
          ToolRun.of(
              args(ssh(server), "--conf-root", root.toString(), "mongo-check", "--write-manifest"));
      assertEquals(0, write.exit(), write.toString());
      assertEquals(
          0, ToolRun.of(args(ssh(server), "--conf-root", root.toString(), "mongo-check")).exit());

      ToolRun missing =
          ToolRun.of(args(ssh(server), "--docker-host", docker.host(), "stop", "pryvio_webhooks"));
      assertEquals(4, missing.exit());
      assertTrue(
          missing
              .err()
              .contains(
                  "container pryvio_webhooks does not exist on " + server.user() + "@127.0.0.1"),
          missing.err());
    } finally {
      docker.remove(nginx, mongodb);
    }
  }

  @Test
  void unknownHostKeyIsRefused() throws Exception {
    try (OpenSshServer server = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")))) {
      Path emptyKnownHosts = Files.writeString(dir.resolve("known_hosts"), "");
      ToolRun run =
          ToolRun.of(
              "--host",
              server.user() + "@127.0.0.1",
              "--port",
              "" + server.port(),
              "--identity",
              server.rsaKey().toString(),
              "--known-hosts",
              emptyKnownHosts.toString(),
              "status");
      assertEquals(4, run.exit(), run.toString());
      assertEquals(1, run.err().lines().count(), run.err());
    }
  }

  @Test
  void theOldPortSpellingStillConnectsAndSaysItIsDeprecated() throws Exception {
    try (OpenSshServer server = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")))) {
      Path root = Files.createDirectories(dir.resolve("pryv"));
      Files.createDirectories(root.resolve("pryv/mongodb/backup"));
      ToolRun run =
          ToolRun.of(
              "--host",
              server.user() + "@" + OpenSshServer.HOST,
              "--ssh-port",
              "" + server.port(),
              "--identity",
              server.rsaKey().toString(),
              "--known-hosts",
              server.knownHosts().toString(),
              "--conf-root",
              root.toString(),
              "--exec",
              "local",
              "mongo-check");
      // connected (exit 3: the manifest is missing on the host, not 4: SSH failed)
      assertEquals(3, run.exit(), run + "\nsshd: " + server.log());
      List<String> lines = run.err().lines().toList();
      assertEquals(
          "docker-ops: warning: --ssh-port is deprecated and will be removed in the next release: use"
              + " --port",
          lines.get(0));
      assertTrue(lines.get(1).startsWith("docker-ops: error: no dump manifest at "), run.err());
      assertEquals(2, lines.size(), run.err());
    }
  }

  /** --openssh: docker-ops reaches the host through an OpenSSH master of its own. */
  @Test
  void opensshConnectsThroughItsOwnMasterAndTellsAnUnknownHostInOneLine() throws Exception {
    try (OpenSshServer server = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")))) {
      Path root = Files.createDirectories(dir.resolve("pryv"));
      Files.createDirectories(root.resolve("pryv/mongodb/backup"));
      List<String> options = new ArrayList<>(ssh(server));
      options.add("--openssh");
      ToolRun run =
          ToolRun.of(
              args(options, "--conf-root", root.toString(), "--exec", "local", "mongo-check"));
      // connected (exit 3: the manifest is missing on the host, not 4: SSH failed)
      assertEquals(3, run.exit(), run + "\nsshd: " + server.log());
      assertTrue(run.err().startsWith("docker-ops: error: no dump manifest at "), run.err());
      assertEquals(1, run.err().lines().count(), run.err());
      Path emptyKnownHosts = Files.writeString(dir.resolve("known_hosts"), "");
      ToolRun unknown =
          ToolRun.of(
              "--host",
              server.user() + "@127.0.0.1",
              "--port",
              "" + server.port(),
              "--known-hosts",
              emptyKnownHosts.toString(),
              "--openssh",
              "status");
      assertEquals(4, unknown.exit(), unknown.toString());
      assertEquals(1, unknown.err().lines().count(), unknown.err());
      assertTrue(unknown.err().contains("is not in " + emptyKnownHosts), unknown.err());
    }
  }
}
