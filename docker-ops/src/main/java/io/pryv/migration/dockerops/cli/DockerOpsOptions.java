package io.pryv.migration.dockerops.cli;

import io.pryv.migration.dockerops.layout.PryvLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Everything the command line says, validated. {@code help}/{@code version} short-circuit the rest. */
public record DockerOpsOptions(
    boolean help,
    boolean version,
    String command,
    List<String> containers,
    PryvLayout layout,
    Optional<SshOptions> ssh,
    boolean dryRun,
    boolean json,
    boolean verbose,
    boolean drop,
    boolean writeManifest,
    Duration timeout,
    OptionalInt stopTimeoutSeconds,
    Optional<String> mongoUri,
    String owner,
    boolean sudo,
    Duration influxSettle) {

  /** {@code --host USER@HOST} and its SSH settings. */
  public record SshOptions(
      String userAtHost, int port, Optional<Path> identity, Optional<Path> knownHosts, boolean acceptNewHostKey) {}

  /** The commands this call runs, in order: several database commands can be joined with commas. */
  public List<String> steps() {
    return List.of(command.split(","));
  }

  public static final List<String> CONTAINER_COMMANDS = List.of("status", "stop", "start", "restart");

  public static final List<String> COMMANDS = List.of("status", "stop", "start", "restart", "mongo-dump",
      "mongo-restore", "mongo-check", "influx-backup", "influx-restore", "ensure-permissions");
}
