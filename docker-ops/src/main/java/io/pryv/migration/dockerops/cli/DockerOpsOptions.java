package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.dockerops.layout.PryvLayout;
import io.pryv.migration.ssh.SshOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the command line says, validated. {@code help}/{@code version} short-circuit the rest.
 * {@code host} is the {@code --host USER@HOST} to reach over SSH with {@code ssh}'s settings;
 * empty: this machine. {@code steps} are the verbs this call runs in order (database commands
 * joined by commas); {@code verb} is the first.
 */
public record DockerOpsOptions(
    boolean help,
    boolean version,
    DockerOpsVerb verb,
    List<DockerOpsVerb> steps,
    List<String> containers,
    PryvLayout layout,
    Optional<String> host,
    SshOptions ssh,
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
    Duration influxSettle)
    implements ToolRoot.Parsed {

  /** The deprecation lines of old option spellings. */
  @Override
  public List<String> warnings() {
    return ssh.warnings();
  }
}
