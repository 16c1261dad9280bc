package io.pryv.migration.transfer.engine;

import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.transfer.side.LocalSide;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files into a local destination folder the safe way: to a {@code .bt-partial.*} name beside
 * the target, hashing what is written; only when the SHA-256 matches the sender's does the file get
 * its mode, owner, mtime and then its final name (an atomic rename). Never writes through a
 * symbolic link, never outside the folder. Not common's {@code SafeFileWriter}, which edits one
 * file in place: that one follows a link to write its target (here a link in the destination is
 * replaced, never written through), keeps the replaced file's mode and owner (here they come from
 * the source), has nothing between write and rename (here the SHA-256 check), and fsyncs each file
 * and its folder (20,000 fsyncs would multiply a copy's time; rsync does not fsync either).
 */
final class LocalReceiver {
  private static final int BUFFER = 256 * 1024;

  private final Path root;
  private final boolean keepOwner;
  private final boolean refuseEscapingLinks;
  private final ProgressDisplay progress;
  private final String runId;
  private final AtomicLong counter = new AtomicLong();
  private final byte[] buffer = new byte[BUFFER];

  LocalReceiver(
      Path root,
      boolean keepOwner,
      boolean refuseEscapingLinks,
      ProgressDisplay progress,
      String runId) {
    this.root = root;
    this.keepOwner = keepOwner;
    this.refuseEscapingLinks = refuseEscapingLinks;
    this.progress = progress;
    this.runId = runId;
  }

  /**
   * Receives one file of {@code item.size()} bytes from {@code data}; {@code sender} gives the
   * sender's SHA-256 once the bytes are read. With {@code reread}, the written temp file is read
   * back and hashed (local copy).
   */
  void receiveFile(
      Entry item, InputStream data, java.util.function.Supplier<String> sender, boolean reread)
      throws IOException {
    Path target = target(item);
    Path temp = temp(target);
    MessageDigest digest = Sha256.newDigest();
    try {
      long remaining = item.size();
      try (OutputStream out = Files.newOutputStream(temp)) {
        while (remaining > 0) {
          int count = data.read(buffer, 0, (int) Math.min(buffer.length, remaining));
          if (count < 0) {
            throw ToolException.environment(
                "stream ended early in " + RelativePaths.printable(item.path()));
          }
          digest.update(buffer, 0, count);
          out.write(buffer, 0, count);
          remaining -= count;
          progress.addBytes(count);
        }
      }
      String written = reread ? Sha256.hexOf(temp) : Sha256.hex(digest.digest());
      String expectedHash = sender.get();
      if (!written.equals(expectedHash)) {
        throw ToolException.environment(
            "SHA-256 mismatch for "
                + RelativePaths.printable(item.path())
                + " (sent "
                + expectedHash
                + ", received "
                + written
                + "); the old file was kept, run again");
      }
      finish(temp, target, item);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    progress.itemDone();
  }

  void receiveLink(Entry item) throws IOException {
    if (refuseEscapingLinks && !RelativePaths.linkStaysInside(item.path(), item.linkTarget())) {
      throw ToolException.badInput(
          "refusing symbolic link "
              + RelativePaths.printable(item.path())
              + " -> "
              + RelativePaths.printable(item.linkTarget())
              + ": it points outside the destination folder");
    }
    Path target = target(item);
    Path temp = temp(target);
    try {
      Files.createSymbolicLink(temp, Path.of(item.linkTarget()));
      if (keepOwner) {
        Files.setAttribute(temp, "unix:uid", item.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(temp, "unix:gid", item.gid(), LinkOption.NOFOLLOW_LINKS);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * Creates the missing folders, then sets mode, owner and mtime of the given ones in the order
   * given, which must be deepest first (a plan's order): setting a folder never changes its
   * parent's mtime.
   */
  void stampDirs(Iterable<Entry> dirs) throws IOException {
    for (Entry dir : dirs) {
      ensureDir(dir.path());
    }
    for (Entry dir : dirs) {
      Path path = RelativePaths.resolve(root, dir.path());
      Files.setPosixFilePermissions(path, permissions(dir.mode()));
      if (keepOwner) {
        setOwner(path, dir);
      }
      Files.setLastModifiedTime(path, FileTime.fromMillis(dir.mtime() * 1000));
    }
  }

  private void finish(Path temp, Path target, Entry item) throws IOException {
    Files.setPosixFilePermissions(temp, permissions(item.mode()));
    if (keepOwner) {
      setOwner(temp, item);
    }
    Files.setLastModifiedTime(temp, FileTime.fromMillis(item.mtime() * 1000));
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void setOwner(Path path, Entry item) throws IOException {
    Files.setAttribute(path, "unix:uid", item.uid(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", item.gid(), LinkOption.NOFOLLOW_LINKS);
  }

  private Path target(Entry item) throws IOException {
    RelativePaths.requireSafe(item.path(), "the sender");
    String parent = item.parent();
    ensureDir(parent);
    Path target = root.resolve(item.path());
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      LocalSide.deleteTree(target);
    }
    return target;
  }

  private Path temp(Path target) {
    return target.resolveSibling(
        RelativePaths.PARTIAL_PREFIX + runId + "." + counter.incrementAndGet());
  }

  /**
   * Creates {@code path} component by component; a component that is a link or a file is refused.
   */
  private void ensureDir(String path) throws IOException {
    if (path == null || path.isEmpty()) {
      return;
    }
    Path current = root;
    for (String part : path.split("/")) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        throw ToolException.badInput(
            "refusing to write through the symbolic link "
                + current
                + " in the destination folder");
      }
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(current);
      } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        throw ToolException.badInput(current + " is in the way of a folder");
      }
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits =
        PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high to low
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }
}
