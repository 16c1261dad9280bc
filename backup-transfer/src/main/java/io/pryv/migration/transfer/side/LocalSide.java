package io.pryv.migration.transfer.side;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.LocalFolders;
import io.pryv.migration.transfer.tree.RelativePaths;
import io.pryv.migration.transfer.tree.Tree;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/** A folder on this machine. */
public final class LocalSide implements Side {
  private final Path root;

  public LocalSide(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String describe() {
    return root.toString();
  }

  /** Lists this folder with the side scripts, as the far side lists its own. */
  @Override
  public EntryReader listSorted(boolean followLinks) throws IOException {
    requireFolder();
    return LocalShell.sortedListing(root, followLinks);
  }

  @Override
  public EntryReader prepareDestination(boolean dryRun) throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw ToolException.badInput(
          "destination " + ArgumentText.cut(root.toString()) + " exists and is not a folder");
    }
    if (!Files.exists(root)) {
      return EntryReader.of(new Tree(Map.of(), LocalFolders.currentUid()), List.of());
    }
    if (!Files.isWritable(root)) {
      throw ToolException.environment("destination " + root + " is not writable");
    }
    if (!dryRun) {
      removePartials(root);
    }
    return listSorted(false);
  }

  @Override
  public void createDestination() {
    if (Files.isDirectory(root)) {
      return;
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw ToolException.environment(
          "cannot create destination " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * A bad-input error unless this folder exists (the source of a transfer: checked before anything
   * starts).
   */
  public void requireFolder() {
    LocalFolders.requireFolder(root);
  }

  /** Hashes this folder with the side scripts (none when it does not exist yet). */
  @Override
  public FileChecksums checksums(boolean followLinks, Checksum checksum) throws IOException {
    return LocalShell.sortedChecksums(root, followLinks, checksum);
  }

  /** Removes the temp files an interrupted run left in any folder of the tree. */
  private static void removePartials(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(root) && RelativePaths.isPartial(dir.getFileName().toString())) {
              deleteTree(dir);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (RelativePaths.isPartial(file.getFileName().toString())) {
              Files.deleteIfExists(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * This folder's sorted listing by the side scripts, spilled, for a push to take both its digest
   * and its entries from one listing.
   */
  public LocalListing listed(boolean followLinks) throws IOException {
    requireFolder();
    return LocalShell.listed(root, followLinks);
  }

  @Override
  public void delete(Iterable<String> paths) throws IOException {
    for (String path : paths) {
      deleteTree(RelativePaths.resolve(root, RelativePaths.requireSafe(path, root.toString())));
    }
  }

  /** Deletes a file, a link (never what it points to) or a whole folder. */
  public static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
        for (Path child : children) {
          deleteTree(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }
}
