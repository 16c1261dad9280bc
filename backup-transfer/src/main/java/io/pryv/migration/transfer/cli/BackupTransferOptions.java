package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.ssh.SshOptions;
import io.pryv.migration.transfer.side.Checksum;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed command line: the verb, its folder arguments and every option. No verb with help or
 * version.
 */
public record BackupTransferOptions(
    boolean help,
    boolean version,
    BackupTransferVerb verb,
    List<Location> locations,
    SshOptions ssh,
    Optional<Checksum> checksum,
    boolean compress,
    boolean delete,
    boolean followLinks,
    boolean dryRun,
    boolean json,
    boolean progress,
    boolean sha256sumFormat,
    Optional<Path> output)
    implements ToolRoot.Parsed {

  public static BackupTransferOptions helpOrVersion(boolean help, boolean version) {
    return new BackupTransferOptions(
        help,
        version,
        null,
        List.of(),
        SshOptions.defaults(),
        Optional.empty(),
        false,
        false,
        true,
        false,
        false,
        false,
        false,
        Optional.empty());
  }

  /** The deprecation lines of old SSH option spellings. */
  @Override
  public List<String> warnings() {
    return ssh.warnings();
  }
}
