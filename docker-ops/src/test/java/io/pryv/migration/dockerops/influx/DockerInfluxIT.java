package io.pryv.migration.dockerops.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.TestDocker;
import io.pryv.migration.dockerops.testing.InfluxContainer;
import io.pryv.migration.dockerops.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * influx-backup → influx-restore between two real InfluxDB 1.x containers (Debian's influxd in the
 * test image), each with Pryv's mounts: CONF_ROOT/pryv/influxdb/backup on /pryv/backup. Data
 * written first, counted after.
 */
class DockerInfluxIT {
  private static final String SOURCE = TestDocker.name("pryvio_influxdb");
  private static final String DEST = TestDocker.name("pryvio_influxdb_dest");
  private TestDocker docker;

  @TempDir Path dir;

  @AfterEach
  void remove() {
    if (docker != null) {
      docker.remove(SOURCE, DEST);
    }
  }

  private Path start(String name, Path confRoot) throws Exception {
    return InfluxContainer.start(docker, name, confRoot, dir.resolve("import"));
  }

  /** docker-ops influx-backup of the source container, its backup folder under {@code root}. */
  private ToolRun influxBackup(Path root) throws Exception {
    return ToolRun.of(
        "--docker-host",
        docker.host(),
        "--conf-root",
        root.toString(),
        "--influx-container",
        SOURCE,
        "influx-backup");
  }

  @Test
  void backupAndRestoreBetweenTwoContainers() throws Exception {
    docker = TestDocker.require("pryv-test/influxdb:1");
    docker.remove(SOURCE, DEST);
    Files.createDirectories(dir.resolve("import"));
    List<String> lines =
        new ArrayList<>(
            List.of(
                "# DDL",
                "CREATE DATABASE \"user.cka\"",
                "CREATE DATABASE" + " \"user.ck-b\"",
                "# DML",
                "# CONTEXT-DATABASE: user.cka"));
    for (int i = 0; i < 300; i++) {
      lines.add(
          "event.e"
              + (i % 5)
              + ",stream=diary value="
              + i
              + " "
              + (1_600_000_000L + i)
              + "000000000");
    }
    lines.add("# CONTEXT-DATABASE: user.ck-b");
    lines.add("event.x value=1 1600000000000000000");
    Files.write(dir.resolve("import/data.txt"), lines);

    Path sourceRoot = dir.resolve("source");
    Path destRoot = dir.resolve("dest");
    Path sourceBackup = start(SOURCE, sourceRoot);
    Path destBackup = start(DEST, destRoot);
    docker.ok("exec", SOURCE, "influx", "-import", "-path", "/import/data.txt");

    ToolRun backup = influxBackup(sourceRoot);
    assertEquals(0, backup.exit(), backup.toString());
    assertTrue(
        backup
            .err()
            .contains(
                "$ docker -H "
                    + docker.host()
                    + " exec "
                    + SOURCE
                    + " /usr/bin/influxd"
                    + " backup -portable /pryv/backup/"),
        backup.err());
    assertTrue(
        backup
            .out()
            .contains("user.cka                                5 series          300 points"),
        backup.out());
    assertTrue(
        backup
            .out()
            .contains("user.ck-b                               1 series            1 points"),
        backup.out());

    InfluxLocalIT.copyFolder(sourceBackup, destBackup);
    ToolRun restore =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--conf-root",
            destRoot.toString(),
            "--influx-container",
            DEST,
            "influx-restore");
    assertEquals(0, restore.exit(), restore.toString());
    assertTrue(restore.out().contains("InfluxDB restore verified: 2 databases"), restore.out());
    String count =
        docker.ok(
            "exec",
            DEST,
            "influx",
            "-database",
            "user.cka",
            "-execute",
            "SELECT COUNT(value) FROM \"event.e3\"");
    assertEquals(60, InfluxCount.of(count), count);

    ToolRun again =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--conf-root",
            destRoot.toString(),
            "--influx-container",
            DEST,
            "influx-restore");
    assertEquals(4, again.exit(), again.toString());
    assertTrue(again.err().contains("already has database(s) user.ck-b, user.cka"), again.err());
    assertTrue(
        again
            .err()
            .contains(
                "docker -H "
                    + docker.host()
                    + " exec "
                    + DEST
                    + " /usr/bin/influxd"
                    + " restore -portable -db user.ck-b -newdb user.ck-b_restored /pryv/backup/"),
        again.err());

    // a container that is stopped: one line naming it
    docker.ok("stop", "-t", "1", SOURCE);
    ToolRun stopped = influxBackup(sourceRoot);
    assertEquals(4, stopped.exit(), stopped.toString());
    assertTrue(
        stopped
            .err()
            .startsWith(
                "docker-ops: error: container "
                    + SOURCE
                    + " is not running (start it first: docker-ops start "
                    + SOURCE
                    + "); command: docker -H "),
        stopped.err());
    assertTrue(
        Files.exists(sourceBackup.resolve(InfluxCountsFile.FILE_NAME)),
        "nothing moved aside on that error");
  }
}
