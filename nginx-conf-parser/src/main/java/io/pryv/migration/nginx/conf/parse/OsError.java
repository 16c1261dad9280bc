package io.pryv.migration.nginx.conf.parse;

import io.pryv.migration.nginx.conf.compat.PythonText;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that could not be opened, with the message Python's {@code OSError} gives, which is what
 * crossplane puts in the payload: {@code [Errno 2] No such file or directory: 'conf.d/x.conf'}.
 */
final class OsError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Integer line;
  private final ParseError.Unreadable unreadable;

  OsError(String message, Integer line, ParseError.Unreadable unreadable) {
    super(message, null, false, false);
    this.line = line;
    this.unreadable = unreadable;
  }

  Integer line() {
    return line;
  }

  ParseError.Unreadable unreadable() {
    return unreadable;
  }

  OsError atLine(int atLine) {
    return new OsError(getMessage(), atLine, unreadable);
  }

  /** Describes why {@code name} (resolved as {@code path}) cannot be read. */
  static OsError of(String name, Path path, IOException cause) {
    OsError python = python(name, path, cause);
    return new OsError(python.getMessage(), null, new ParseError.Unreadable(name, cause));
  }

  private static OsError python(String name, Path path, IOException cause) {
    String quoted = PythonText.repr(name);
    if (Files.isDirectory(path)) {
      return new OsError("[Errno 21] Is a directory: " + quoted, null, null);
    }
    if (cause instanceof AccessDeniedException) {
      return new OsError("[Errno 13] Permission denied: " + quoted, null, null);
    }
    if (!Files.exists(path)) {
      Path parent = path.toAbsolutePath().getParent();
      while (parent != null && !Files.exists(parent)) {
        parent = parent.getParent();
      }
      if (parent != null && !Files.isDirectory(parent)) {
        return new OsError("[Errno 20] Not a directory: " + quoted, null, null);
      }
      return new OsError("[Errno 2] No such file or directory: " + quoted, null, null);
    }
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new OsError("[Errno 5] " + reason + ": " + quoted, null, null);
  }
}
