package io.pryv.migration.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The one wording, in every tool, of what went wrong with a path the user gave: no such file, a
 * folder where a file was expected, permission denied, a name too long, a read-only or full file
 * system. The message names the path as the user wrote it (never a temp file we made beside it) and
 * comes with its exit code: 3 for what the user can fix in the arguments, 4 for the machine's
 * state. {@link CommandBoundary} uses it for any I/O error that reaches it; tools call {@link
 * #describe} where they know which of the user's paths was being worked on.
 */
public final class FileErrors {
  private FileErrors() {}

  /**
   * The one-line error for an I/O failure while working on {@code given}, a path as the user wrote
   * it.
   */
  public static ToolException describe(Path given, IOException e) {
    String shown = ArgumentText.cut(given.toString());
    String other = otherFile(given, e);
    String reason = reason(e);
    if (e instanceof NoSuchFileException || reason.contains("no such file")) {
      return ToolException.badInput("no such file: " + shown + other);
    }
    if (reason.contains("file name too long")) {
      return nameTooLong(given, other);
    }
    if (e instanceof NotDirectoryException || reason.contains("not a directory")) {
      return ToolException.badInput("not a folder: a part of " + shown + " is a file" + other);
    }
    if (reason.contains("is a directory") || isDirectory(given) && other.isEmpty()) {
      return folderGivenAsFile(given);
    }
    if (e instanceof AccessDeniedException
        || reason.contains("permission denied")
        || reason.contains("operation not permitted")) {
      return ToolException.environment("permission denied: " + shown + other);
    }
    if (reason.contains("read-only file system")) {
      return ToolException.environment("read-only file system: cannot write " + shown + other);
    }
    if (reason.contains("no space left")) {
      return ToolException.environment("no space left on the device of " + shown + other);
    }
    if (reason.contains("too many levels of symbolic links")) {
      return ToolException.badInput("symbolic link loop: " + shown + other);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return ToolException.environment(
        "I/O error on " + shown + other + ": " + ArgumentText.cut(message));
  }

  /**
   * The error for a name the file system cannot hold (a name part over 255 bytes, a path over
   * 4095).
   */
  public static ToolException nameTooLong(Path given) {
    return nameTooLong(given, "");
  }

  private static ToolException nameTooLong(Path given, String other) {
    return ToolException.badInput(
        "name too long: "
            + ArgumentText.cut(given.toString())
            + other
            + " (a file name can have at most 255 bytes, a path 4095)");
  }

  /** The error for a folder given where a file is expected. */
  public static ToolException folderGivenAsFile(Path given) {
    return ToolException.badInput(ArgumentText.cut(given.toString()) + " is a folder, not a file");
  }

  /**
   * Checks that {@code given} names a regular file (through symbolic links) that this process can
   * read, else throws the one-line error: no such file, a folder, not a regular file, permission
   * denied, name too long.
   */
  public static void requireReadableFile(Path given) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(given, BasicFileAttributes.class);
    } catch (IOException e) {
      throw describe(given, e);
    }
    if (attributes.isDirectory()) {
      throw folderGivenAsFile(given);
    }
    if (!attributes.isRegularFile()) {
      throw ToolException.badInput(ArgumentText.cut(given.toString()) + " is not a regular file");
    }
    if (!Files.isReadable(given)) {
      throw describe(given, new AccessDeniedException(given.toString()));
    }
  }

  /** The bytes of a user's file, or the one-line error. */
  public static byte[] readFile(Path given) {
    requireReadableFile(given);
    try {
      return Files.readAllBytes(given);
    } catch (IOException e) {
      throw describe(given, e);
    }
  }

  private static String reason(IOException e) {
    String text =
        e instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : e.getMessage();
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }

  /**
   * When the failing file is not the one the user gave: the folder of a temp file we made (beside
   * the file or, for a symbolic link, beside its target), the backup we write, or any other file
   * (an included one) by name.
   */
  private static String otherFile(Path given, IOException e) {
    if (!(e instanceof FileSystemException f) || f.getFile() == null) {
      return "";
    }
    Path failing = Path.of(f.getFile());
    if (failing.toAbsolutePath().normalize().equals(given.toAbsolutePath().normalize())) {
      return "";
    }
    String name = failing.getFileName() == null ? "" : failing.getFileName().toString();
    if (name.startsWith(".") && name.contains(".tmp-")) {
      return " (writing in the folder "
          + ArgumentText.cut(String.valueOf(failing.toAbsolutePath().getParent()))
          + ")";
    }
    if (name.endsWith(SafeFileWriter.BACKUP_SUFFIX)) {
      return " (writing the backup " + ArgumentText.cut(failing.toString()) + ")";
    }
    return " (at " + ArgumentText.cut(failing.toString()) + ")";
  }

  private static boolean isDirectory(Path given) {
    try {
      return Files.isDirectory(given, new LinkOption[0]);
    } catch (SecurityException e) {
      return false;
    }
  }
}
