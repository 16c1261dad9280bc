package io.pryv.migration.dockerops.layout;

import java.util.Optional;

/**
 * Where things are on a Pryv.io core: container names, tool paths, the database name and the backup
 * folders as seen inside the containers and on the host (the bind mounts of Pryv's docker-compose
 * files). Every value has the Pryv default and can be overridden by an option; values are validated
 * by {@link Names} when parsed.
 *
 * <p>With {@link ExecMode#LOCAL} the database tools run on the host, so the "in container" folders
 * are the host folders.
 */
public record PryvLayout(
    ExecMode execMode,
    String docker,
    Optional<String> dockerHost,
    String confRoot,
    String mongoContainer,
    String influxContainer,
    String mongoDatabase,
    String mongoBin,
    Optional<String[]> mongoHostPort,
    String mongoBackupInContainer,
    String mongoBackupOnHost,
    String influxd,
    String influx,
    Optional<String> influxRpc,
    Optional<String[]> influxHttp,
    String influxBackupInContainer,
    String influxBackupOnHost) {

  public static final String DEFAULT_CONF_ROOT = "/var/pryv";
  public static final String DEFAULT_MONGO_CONTAINER = "pryvio_mongodb";
  public static final String DEFAULT_INFLUX_CONTAINER = "pryvio_influxdb";
  public static final String DEFAULT_NGINX_CONTAINER = "pryvio_nginx";
  public static final String DEFAULT_MONGO_DATABASE = "pryv-node";
  public static final String DEFAULT_MONGO_BIN = "/app/bin/mongodb/bin/";
  public static final String DEFAULT_MONGO_BACKUP_IN_CONTAINER = "/app/backup";
  public static final String DEFAULT_INFLUX_BACKUP_IN_CONTAINER = "/pryv/backup";
  public static final String DEFAULT_INFLUXD = "/usr/bin/influxd";
  public static final String DEFAULT_INFLUX = "/usr/bin/influx";

  /**
   * Every Pryv core container, in the order of the docker-compose file (what {@code status} lists).
   */
  public static final java.util.List<String> CORE_CONTAINERS =
      java.util.List.of(
          "pryvio_nginx",
          "pryvio_core",
          "pryvio_hfs",
          "pryvio_preview",
          "pryvio_mfa",
          "pryvio_webhooks",
          "pryvio_mongodb",
          "pryvio_influxdb",
          "pryvio_config_follower");

  public static String mongoBackupOnHost(String confRoot) {
    return confRoot + "/pryv/mongodb/backup";
  }

  public static String influxBackupOnHost(String confRoot) {
    return confRoot + "/pryv/influxdb/backup";
  }

  /** The Pryv defaults for a docker install under {@code /var/pryv}. */
  public static PryvLayout defaults() {
    return new PryvLayout(
        ExecMode.DOCKER,
        "docker",
        Optional.empty(),
        DEFAULT_CONF_ROOT,
        DEFAULT_MONGO_CONTAINER,
        DEFAULT_INFLUX_CONTAINER,
        DEFAULT_MONGO_DATABASE,
        DEFAULT_MONGO_BIN,
        Optional.empty(),
        DEFAULT_MONGO_BACKUP_IN_CONTAINER,
        mongoBackupOnHost(DEFAULT_CONF_ROOT),
        DEFAULT_INFLUXD,
        DEFAULT_INFLUX,
        Optional.empty(),
        Optional.empty(),
        DEFAULT_INFLUX_BACKUP_IN_CONTAINER,
        influxBackupOnHost(DEFAULT_CONF_ROOT));
  }

  /**
   * The folder the mongo tools write to / read from (inside the container, or the host folder when
   * local).
   */
  public String mongoBackupForTools() {
    return execMode == ExecMode.LOCAL ? mongoBackupOnHost : mongoBackupInContainer;
  }

  public String influxBackupForTools() {
    return execMode == ExecMode.LOCAL ? influxBackupOnHost : influxBackupInContainer;
  }

  /** A mongo tool's path: {@code mongoBin} + name ({@code mongoBin} empty means "from PATH"). */
  public String mongoTool(String name) {
    if (mongoBin.isEmpty()) {
      return name;
    }
    return mongoBin.endsWith("/") ? mongoBin + name : mongoBin + "/" + name;
  }
}
