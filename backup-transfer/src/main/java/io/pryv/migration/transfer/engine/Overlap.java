package io.pryv.migration.transfer.engine;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local copy whose two folders are one, or one inside the other, once links are resolved: refused
 * before anything is touched. Copying a folder onto itself replaced its links with what they point
 * to (deleting the links first); into itself, it copies without end; onto a folder that holds it,
 * {@code --delete} removes the source.
 */
final class Overlap {
  private Overlap() {}

  static void refuse(Path source, Path dest) throws IOException {
    Path realSource = source.toRealPath();
    Path realDest = resolved(dest);
    String shownSource = ArgumentText.cut(source.toString());
    String shownDest = ArgumentText.cut(dest.toString());
    String links =
        realSource.equals(source) && realDest.equals(dest)
            ? ""
            : " (links resolved: "
                + ArgumentText.cut(realSource.toString())
                + " and "
                + ArgumentText.cut(realDest.toString())
                + ")";
    if (realSource.equals(realDest)) {
      throw ToolException.usage(
          "SRC_DIR "
              + shownSource
              + " and DEST_DIR "
              + shownDest
              + " are the same folder"
              + links
              + "; nothing was touched");
    }
    if (realDest.startsWith(realSource)) {
      throw ToolException.usage(
          "DEST_DIR "
              + shownDest
              + " is inside SRC_DIR "
              + shownSource
              + links
              + ": the copy would copy itself; nothing was touched, choose a destination outside the source");
    }
    if (realSource.startsWith(realDest)) {
      throw ToolException.usage(
          "SRC_DIR "
              + shownSource
              + " is inside DEST_DIR "
              + shownDest
              + links
              + ": the copy would overwrite (with --delete, remove) the folder it reads from; nothing was touched");
    }
  }

  /**
   * The real path of {@code path}, which need not exist: its deepest existing folder resolved, the
   * rest as given.
   */
  private static Path resolved(Path path) throws IOException {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    return existing.toRealPath().resolve(existing.relativize(path)).normalize();
  }
}
