package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.PrintStream;
import java.time.Clock;

/**
 * What the mongo operations work with: commands, the host's files, the live counter, a clock and a
 * log.
 */
public record MongoContext(
    CommandRunner runner,
    Commands commands,
    HostFiles files,
    LiveMongoCounter live,
    Clock clock,
    PrintStream log) {

  String database() {
    return commands.layout().mongoDatabase();
  }

  /** The host folder holding mongodump's output ({@code BACKUP}), without trailing slash. */
  String backupOnHost() {
    return commands.layout().mongoBackupOnHost();
  }

  String databaseFolderOnHost() {
    return backupOnHost() + "/" + database();
  }

  String manifestPath() {
    return backupOnHost() + "/" + DumpManifest.fileName(database());
  }

  void addHostPort(java.util.List<String> tool) {
    commands
        .layout()
        .mongoHostPort()
        .ifPresent(hp -> tool.addAll(java.util.List.of("--host", hp[0], "--port", hp[1])));
  }
}
