package io.pryv.migration.common;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a file's content the safe way: only when it changes; after checking that nobody changed
 * the file since we read it; through a temp file beside the target that is fsync'ed then renamed
 * over it; keeping mode and owner; and keeping a backup first ({@code FILE.bak} by default, a name
 * no {@code site*.conf} glob loads). A symbolic link stays a link: the file it points to is the one
 * replaced (its mode and owner kept, the temp file and the default backup beside it). Failures are
 * the one-line errors of {@link FileErrors}, naming the path the caller gave.
 */
public final class SafeFileWriter {
  /**
   * The backup suffix: {@code site-443.conf.bak} cannot match nginx's {@code include site*.conf}.
   */
  public static final String BACKUP_SUFFIX = ".bak";

  /** Linux's own limit on links followed in one path. */
  private static final int MAX_LINKS = 40;

  /** The longest file name Linux file systems take (NAME_MAX). */
  private static final int MAX_NAME_BYTES = 255;

  /** Writes a file's content to a stream (large content, written as it is produced). */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What a replace did. */
  public record Result(boolean written, Optional<Path> backup) {}

  private SafeFileWriter() {}

  /** The default backup path of a file: the same name plus {@code .bak}, in the same folder. */
  public static Path defaultBackup(Path target) {
    return target.resolveSibling(target.getFileName() + BACKUP_SUFFIX);
  }

  /**
   * Writes {@code newContent} over {@code target} (through symbolic links), keeping a backup beside
   * the file written ({@link #defaultBackup} of the link's target for a link) when {@code
   * keepBackup}.
   */
  public static Result replace(
      Path target, byte[] expectedCurrent, byte[] newContent, boolean keepBackup) {
    try {
      Path file = resolveLinks(target);
      return replace(
          target, file, expectedCurrent, newContent, keepBackup ? defaultBackup(file) : null);
    } catch (IOException e) {
      throw FileErrors.describe(target, e);
    }
  }

  /**
   * Writes {@code newContent} over {@code target} (through symbolic links), unless it already holds
   * exactly that.
   *
   * @param expectedCurrent the bytes the caller read and edited; if the file on disk differs now,
   *     nothing is written and a {@link ToolException} (bad input) says so
   * @param backup where to copy the current content first, or null for no backup
   */
  public static Result replace(
      Path target, byte[] expectedCurrent, byte[] newContent, Path backup) {
    try {
      return replace(target, resolveLinks(target), expectedCurrent, newContent, backup);
    } catch (IOException e) {
      throw FileErrors.describe(target, e);
    }
  }

  private static Result replace(
      Path given, Path file, byte[] expectedCurrent, byte[] newContent, Path backup)
      throws IOException {
    FileErrors.requireReadableFile(given);
    byte[] current = Files.readAllBytes(file);
    if (expectedCurrent != null && !Arrays.equals(current, expectedCurrent)) {
      throw ToolException.badInput(
          given + " changed on disk while it was being edited; nothing written, run again");
    }
    if (Arrays.equals(current, newContent)) {
      return new Result(false, Optional.empty());
    }
    Optional<PosixFileAttributes> attributes = posixAttributes(file);
    if (backup != null) {
      writeFile(
          backup,
          out -> out.write(current),
          attributes,
          false); // a link at the backup's name is replaced, never followed
    }
    writeFile(file, out -> out.write(newContent), attributes, false);
    return new Result(true, Optional.ofNullable(backup));
  }

  /**
   * Writes a new or existing file through a temp file and a rename (no half-written file at its
   * name); an existing file keeps its mode and owner, a symbolic link stays a link and its target
   * is written.
   */
  public static void writeAtomically(Path target, byte[] content) {
    writeAtomically(target, out -> out.write(content));
  }

  /**
   * {@link #writeAtomically(Path, byte[])} for content written as a stream, so that memory stays
   * flat.
   */
  public static void writeAtomically(Path target, Content content) {
    write(target, content, false);
  }

  /**
   * Writes a secret (tokens): like {@link #writeAtomically(Path, byte[])}, but the file is readable
   * by its owner only (mode 0600) from its first byte, whatever the mode of a file it replaces.
   */
  public static void writeSecret(Path target, byte[] content) {
    writeSecret(target, out -> out.write(content));
  }

  /** {@link #writeSecret(Path, byte[])} for content written as a stream. */
  public static void writeSecret(Path target, Content content) {
    write(target, content, true);
  }

  private static void write(Path target, Content content, boolean secret) {
    try {
      Path file = resolveLinks(target);
      if (Files.isDirectory(file)) {
        throw FileErrors.folderGivenAsFile(target);
      }
      Optional<PosixFileAttributes> attributes =
          !secret && Files.exists(file) ? posixAttributes(file) : Optional.empty();
      writeFile(file, content, attributes, secret);
    } catch (IOException e) {
      throw FileErrors.describe(target, e);
    }
  }

  /**
   * The file a path finally names, following symbolic links one by one (relative ones from their
   * own folder); a link to a missing file gives that missing file, so that writing creates it where
   * the link points.
   */
  public static Path resolveLinks(Path path) throws IOException {
    Path current = path;
    for (int i = 0; i < MAX_LINKS; i++) {
      if (!Files.isSymbolicLink(current)) {
        // A followed link's folder is named as the system names it (no "conf/../real" in messages).
        Path parent = current.toAbsolutePath().getParent();
        return i == 0 || parent == null || !Files.isDirectory(parent)
            ? current
            : parent.toRealPath().resolve(current.getFileName());
      }
      Path link = Files.readSymbolicLink(current);
      Path parent = current.toAbsolutePath().getParent();
      current = parent == null ? link : parent.resolve(link);
    }
    throw new FileSystemException(path.toString(), null, "Too many levels of symbolic links");
  }

  private static void writeFile(
      Path target,
      Content content,
      Optional<PosixFileAttributes> attributes,
      boolean ownerOnlyForGood)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve(tempName(target.getFileName().toString()));
    try {
      // Replacing a file: the temp starts owner-only, so a 0600 file's content is never readable by
      // others while
      // it is written; it gets the original's owner and mode below.
      FileAttribute<?>[] ownerOnly =
          attributes.isPresent() || ownerOnlyForGood
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
              }
              : new FileAttribute<?>[0];
      try (FileChannel channel =
          FileChannel.open(
              temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      } catch (FileAlreadyExistsException e) {
        throw ToolException.environment(
            "a temp file " + temp + " is in the way (an earlier run killed?): remove it");
      }
      if (attributes.isPresent()) {
        copyOwnerAndMode(attributes.get(), temp);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The temp file's name beside {@code name}: {@code .NAME.tmp-PID}, or a shorter one when that
   * would pass the 255 bytes a file name may have (a target whose own name is that long can still
   * be written). The one naming rule for temp files beside a target, here and on SSH hosts.
   */
  public static String tempName(String name) {
    long pid = ProcessHandle.current().pid();
    String beside = "." + name + ".tmp-" + pid;
    if (beside.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
      return beside;
    }
    return ".tmp-" + pid + "-" + Integer.toHexString(name.hashCode());
  }

  private static Optional<PosixFileAttributes> posixAttributes(Path path) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    return view == null ? Optional.empty() : Optional.of(view.readAttributes());
  }

  private static void copyOwnerAndMode(PosixFileAttributes attributes, Path temp)
      throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    view.setPermissions(attributes.permissions());
    try {
      view.setOwner(attributes.owner());
      view.setGroup(attributes.group());
    } catch (IOException e) {
      // Not root: the file stays ours, which is what a non-root user editing their own file
      // expects.
    }
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a folder for reading; the rename is still atomic there.
    }
  }
}
