package io.pryv.migration.dockerops.testing;

import io.pryv.migration.common.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@code pryvio_influxdb} in the private engine: a real InfluxDB 1.x ({@code
 * pryv-test/influxdb:1}) with Pryv's mounts below a conf root ({@code pryv/influxdb/data} on
 * /var/lib/influxdb, {@code pryv/influxdb/backup} on /pryv/backup) and an import folder on /import.
 */
public final class InfluxContainer {
  public static final String IMAGE = "pryv-test/influxdb:1";

  private InfluxContainer() {}

  /** Starts it and waits until influx answers; returns the backup folder on the host. */
  public static Path start(TestDocker docker, String name, Path confRoot, Path importFolder)
      throws Exception {
    Path backup = Files.createDirectories(confRoot.resolve("pryv/influxdb/backup"));
    Path data = Files.createDirectories(confRoot.resolve("pryv/influxdb/data"));
    docker.ok(
        "run",
        "-d",
        "--name",
        name,
        "--network",
        "none",
        "-v",
        data + ":/var/lib/influxdb",
        "-v",
        backup + ":/pryv/backup/",
        "-v",
        importFolder + ":/import:ro",
        IMAGE);
    docker.awaitExec(name, Duration.ofSeconds(30), "influx", "-execute", "SHOW DATABASES");
    return backup;
  }
}
