package io.pryv.migration.nginx.rewriter.config;

import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A backup that an include glob of the tree would load ({@code FILE.bak} next to a site in {@code
 * sites-enabled/*}) would give nginx every server block twice: such a write is refused before
 * anything is written. Shared by every verb that writes the tree (redirect, rollback, freeze,
 * unfreeze).
 */
public final class IncludedBackups {

  /**
   * A file of the tree: its name as shown, and its directives (the include directives are looked
   * for).
   */
  public record TreeFile(String name, List<Node> directives) {}

  private IncludedBackups() {}

  /**
   * @param mainFile the file the user named (relative include patterns are taken from its folder)
   * @param tree every file of the include tree
   * @param written the files about to be replaced (each gets {@code FILE.bak} beside it)
   */
  public static void refuse(Path mainFile, List<TreeFile> tree, List<Path> written) {
    Path folder = mainFile.toAbsolutePath().normalize().getParent();
    for (TreeFile file : tree) {
      for (Node include : named(file.directives(), "include", new ArrayList<>())) {
        if (include.args().isEmpty()) {
          continue;
        }
        String pattern = folder.resolve(include.arg(0)).normalize().toString();
        PathMatcher matcher =
            FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("\\", "\\\\"));
        for (Path path : written) {
          Path backup = SafeFileWriter.defaultBackup(realFile(path)).toAbsolutePath().normalize();
          if (matcher.matches(backup)) {
            throw ToolException.badInput(
                file.name()
                    + ":"
                    + include.line()
                    + ": include "
                    + include.arg(0)
                    + " would load the backup "
                    + backup.getFileName()
                    + " of "
                    + path
                    + " (every server"
                    + " block twice); nothing written. Make the include pattern narrower (e.g. *.conf), then run again");
          }
        }
      }
    }
  }

  /**
   * The file a write really replaces (the backup goes beside a link's target, not beside the link).
   */
  private static Path realFile(Path path) {
    try {
      return SafeFileWriter.resolveLinks(path);
    } catch (IOException e) {
      throw FileErrors.describe(path, e);
    }
  }

  private static List<Node> named(List<Node> nodes, String name, List<Node> into) {
    for (Node node : nodes) {
      if (node.name().equals(name)) {
        into.add(node);
      }
      named(node.children(), name, into);
    }
    return into;
  }
}
