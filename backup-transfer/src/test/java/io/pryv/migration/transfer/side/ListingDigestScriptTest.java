package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.transfer.tree.ListingDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest of a sorted listing, which lets a push with nothing to do skip both listings: equal
 * for two folders holding the same entries whatever order they were made in, different after every
 * change the planner would act on, and not offered at all for a folder holding a link.
 */
class ListingDigestScriptTest {
  private static final FileTime DAY = FileTime.fromMillis(1_700_000_000_000L);

  @TempDir Path dir;

  @Test
  void theSameEntriesMadeInAnotherOrderHaveTheSameDigest() throws Exception {
    Path a = sample(dir.resolve("a"), false);
    Path b = sample(dir.resolve("b"), true);
    ListingDigest first = digest(a);
    assertEquals(first, digest(b));
    assertEquals(6, first.files()); // the partial file and folder are not in it, like in a listing
    assertEquals(3 + 6 + 0 + 4 + 10 + 6, first.bytes()); // "été!" is 6 bytes in UTF-8
  }

  @Test
  void everyChangeThePlannerActsOnChangesTheDigest() throws Exception {
    Map<String, Consumer<Path>> changes = new LinkedHashMap<>();
    changes.put("a file's mtime", tree -> touch(tree.resolve("x/one"), DAY.toMillis() + 1000));
    changes.put("a file's size", tree -> write(tree.resolve("x/one"), "on"));
    changes.put("a file's mode", tree -> chmod(tree.resolve("x/one"), "rw-------"));
    changes.put("a folder's mtime", tree -> touch(tree.resolve("x"), DAY.toMillis() + 1000));
    changes.put("a folder's mode", tree -> chmod(tree.resolve("x"), "rwx------"));
    changes.put("a new empty file", tree -> write(tree.resolve("new"), ""));
    changes.put("a new empty folder", tree -> mkdir(tree.resolve("y/new")));
    changes.put("a removed file", tree -> delete(tree.resolve("y/z/deep")));
    changes.put("a renamed file", tree -> rename(tree.resolve("x/one"), tree.resolve("x/onf")));
    changes.put(
        "a file where a folder was",
        tree -> {
          delete(tree.resolve("y/z/deep"));
          delete(tree.resolve("y/z"));
          write(tree.resolve("y/z"), "");
        });
    ListingDigest original = digest(sample(dir.resolve("original"), false));
    int i = 0;
    for (Map.Entry<String, Consumer<Path>> change : changes.entrySet()) {
      Path tree = sample(dir.resolve("changed" + i++), false);
      change.getValue().accept(tree);
      if (!change.getKey().contains("folder's mtime")) {
        restoreFolderTimes(
            tree); // only the change itself differs, not the mtime it gave its folder
      }
      assertNotEquals(original.sha256(), digest(tree).sha256(), change.getKey());
    }
  }

  @Test
  void aFolderWithALinkOffersNoDigest() throws Exception {
    Path tree = sample(dir.resolve("linked"), false);
    Files.createSymbolicLink(tree.resolve("x/link"), Path.of("one"));
    assertTrue(listingDigest(tree, false).isEmpty(), "a link's target is not in the digest");
    Files.delete(tree.resolve("x/one")); // -L: now a dangling link, still a link
    assertTrue(listingDigest(tree, true).isEmpty());
  }

  @Test
  void aFolderThatCannotBeListedIsReportedNotDigested() {
    ToolException missing =
        assertThrows(ToolException.class, () -> listingDigest(dir.resolve("missing"), false));
    assertEquals(ExitCode.BAD_INPUT, missing.exitCode());
    assertTrue(missing.getMessage().contains("no such folder"), missing.getMessage());
  }

  private static Optional<ListingDigest> listingDigest(Path root, boolean followLinks)
      throws IOException {
    try (LocalListing listing = new LocalSide(root).listed(followLinks)) {
      return listing.digest();
    }
  }

  /**
   * Six files (odd names among them), folders, a partial file and folder left by an interrupted
   * run.
   */
  private static Path sample(Path root, boolean reversed) throws IOException {
    List<Runnable> steps =
        new ArrayList<>(
            List.of(
                () -> write(root.resolve("x/one"), "one"),
                () -> write(root.resolve("x/-rf été"), "été!"),
                () -> write(root.resolve("x/empty"), ""),
                () -> write(root.resolve("y/new\nline"), "line"),
                () -> write(root.resolve("y/z/deep"), "0123456789"),
                () -> write(root.resolve("top"), "top..."),
                () -> write(root.resolve(".bt-partial.7/staged"), "staged"),
                () -> write(root.resolve("y/.bt-partial.deep"), "partial")));
    if (reversed) {
      java.util.Collections.reverse(steps);
    }
    Files.createDirectories(root);
    steps.forEach(Runnable::run);
    try (var paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        touch(path, DAY.toMillis());
      }
    }
    return root;
  }

  private static void restoreFolderTimes(Path root) {
    try (var paths = Files.walk(root)) {
      paths.filter(Files::isDirectory).forEach(path -> touch(path, DAY.toMillis()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ListingDigest digest(Path root) {
    try {
      return listingDigest(root, false).orElseThrow();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void touch(Path path, long millis) {
    try {
      Files.setLastModifiedTime(path, FileTime.fromMillis(millis));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void chmod(Path path, String permissions) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void mkdir(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void rename(Path from, Path to) {
    try {
      Files.move(from, to);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
