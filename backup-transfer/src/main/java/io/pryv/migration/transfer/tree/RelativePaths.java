package io.pryv.migration.transfer.tree;

import io.pryv.migration.common.ToolException;
import java.nio.file.Path;

/**
 * Paths that come from the other side are relative, plain, and stay inside the root: no absolute
 * path, no {@code .} or {@code ..} component, no empty component, no NUL. Everything else is
 * refused, not repaired.
 */
public final class RelativePaths {
  /**
   * Names our transfers use for work in progress; never listed, never copied, removed by the next
   * run.
   */
  public static final String PARTIAL_PREFIX = ".bt-partial.";

  private RelativePaths() {}

  public static boolean isSafe(String path) {
    if (path.isEmpty()) {
      return true;
    }
    if (path.indexOf('\0') >= 0) {
      return false;
    }
    // A scan rather than split("/"): it runs for every listed path, 20,000 per listing in the
    // benchmark.
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      int length = end - start;
      boolean dots =
          length > 0
              && path.charAt(start) == '.'
              && (length == 1 || length == 2 && path.charAt(start + 1) == '.');
      if (length == 0 || dots) {
        return false; // an empty component (also a leading '/'), "." or ".."
      }
      if (slash < 0) {
        return true;
      }
      start = slash + 1;
    }
  }

  /** The path itself when safe, else a bad-input error naming it. */
  public static String requireSafe(String path, String origin) {
    if (!isSafe(path)) {
      throw ToolException.badInput(
          "refusing path "
              + printable(path)
              + " from "
              + origin
              + ": it would land outside the destination folder");
    }
    return path;
  }

  /** {@code root/path} for a safe relative path. */
  public static Path resolve(Path root, String path) {
    return path.isEmpty() ? root : root.resolve(path);
  }

  /** True when a symbolic link at {@code linkPath} with this target stays inside the root. */
  public static boolean linkStaysInside(String linkPath, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      return false;
    }
    int slash = linkPath.lastIndexOf('/');
    int depth = slash < 0 ? 0 : linkPath.substring(0, slash).split("/").length;
    for (String part : target.split("/")) {
      if (part.equals("..")) {
        depth--;
        if (depth < 0) {
          return false;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return true;
  }

  public static boolean isPartial(String path) {
    int slash = path.lastIndexOf('/');
    return path.startsWith(PARTIAL_PREFIX, slash + 1);
  }

  /** The path in quotes, control characters escaped, for one-line messages. */
  public static String printable(String path) {
    StringBuilder text = new StringBuilder("'");
    for (char c : path.toCharArray()) {
      text.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return text.append('\'').toString();
  }
}
