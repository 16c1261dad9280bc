package io.pryv.migration.transfer.tree;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.ToolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks on a folder of this machine made before any script runs there, and who this JVM runs as.
 * (Listing it is the side scripts' job, on this machine as on the far side.)
 */
public final class LocalFolders {
  /** The longest file name Linux file systems take (NAME_MAX). */
  private static final int MAX_NAME_BYTES = 255;

  private LocalFolders() {}

  /** A bad-input error unless {@code root} is an existing folder (a link to one will do). */
  public static void requireFolder(Path root) {
    String shown = ArgumentText.cut(root.toString());
    for (Path name : root) {
      if (name.toString().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw FileErrors.nameTooLong(root);
      }
    }
    if (!Files.exists(root)) {
      throw ToolException.badInput("no such folder: " + shown);
    }
    if (!Files.isDirectory(root)) {
      throw ToolException.badInput(shown + " is not a folder");
    }
  }

  /** The uid this JVM runs as (0 when root: ownership is then kept on what it writes). */
  public static int currentUid() {
    return (int) new com.sun.security.auth.module.UnixSystem().getUid();
  }
}
