package io.pryv.migration.transfer.tree;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists a local folder. With {@code followLinks} (rsync's {@code --copy-links}) a link is listed as
 * what it points to; a dangling link is then skipped and reported. Without, links are listed as
 * links.
 */
public final class LocalScanner {
  private static final int TYPE_MASK = 0170000;
  private static final int TYPE_DIR = 0040000;
  private static final int TYPE_FILE = 0100000;
  private static final int TYPE_LINK = 0120000;

  /** The longest file name Linux file systems take (NAME_MAX). */
  private static final int MAX_NAME_BYTES = 255;

  private LocalScanner() {}

  /** A scan's entries, plus the links skipped because their target is missing or loops. */
  public record Result(Tree tree, List<String> skipped) {}

  /** Scans {@code root}, which must be an existing folder (else a bad-input error). */
  public static Result scan(Path root, boolean followLinks) throws IOException {
    requireFolder(root);
    Map<String, Entry> entries = new HashMap<>();
    List<String> skipped = new java.util.ArrayList<>();
    Set<FileVisitOption> options =
        followLinks
            ? EnumSet.of(FileVisitOption.FOLLOW_LINKS)
            : EnumSet.noneOf(FileVisitOption.class);
    LinkOption[] link =
        followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    Path start = root.toAbsolutePath();
    Files.walkFileTree(
        start,
        options,
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String rel = relative(start, dir);
            if (RelativePaths.isPartial(rel)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            entries.put(rel, entry(dir, rel, link));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = relative(start, file);
            if (RelativePaths.isPartial(rel)) {
              return FileVisitResult.CONTINUE;
            }
            if (followLinks && attrs.isSymbolicLink()) {
              skipped.add(rel);
              return FileVisitResult.CONTINUE;
            }
            try {
              Entry entry = entry(file, rel, link);
              if (entry != null) {
                entries.put(rel, entry);
              } else {
                skipped.add(rel);
              }
            } catch (NoSuchFileException gone) {
              skipped.add(rel);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
              skipped.add(relative(start, file));
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return new Result(new Tree(entries, currentUid()), skipped);
  }

  /** A bad-input error unless {@code root} is an existing folder (a link to one will do). */
  public static void requireFolder(Path root) {
    String shown = ArgumentText.cut(root.toString());
    for (Path name : root) {
      if (name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
          > MAX_NAME_BYTES) {
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

  /** The entry for one path, or null for a special file (device, fifo, socket: never copied). */
  static Entry entry(Path path, String rel, LinkOption... link) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime", link);
    int mode = (Integer) a.get("mode");
    long mtime = ((FileTime) a.get("lastModifiedTime")).toMillis();
    long seconds = Math.floorDiv(mtime, 1000);
    int uid = (Integer) a.get("uid");
    int gid = (Integer) a.get("gid");
    long size = (Long) a.get("size");
    return switch (mode & TYPE_MASK) {
      case TYPE_DIR -> new Entry(rel, Entry.Type.DIR, 0, seconds, mode & 07777, uid, gid, null);
      case TYPE_FILE ->
          new Entry(rel, Entry.Type.FILE, size, seconds, mode & 07777, uid, gid, null);
      case TYPE_LINK ->
          new Entry(
              rel,
              Entry.Type.SYMLINK,
              0,
              seconds,
              mode & 07777,
              uid,
              gid,
              Files.readSymbolicLink(path).toString());
      default -> null;
    };
  }

  static String relative(Path root, Path path) {
    return root.relativize(path).toString();
  }
}
