package io.pryv.migration.dockerops.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies a backup folder tree from "source" to "dest": what backup-transfer does in a migration.
 */
public final class BackupCopy {
  private BackupCopy() {}

  public static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
