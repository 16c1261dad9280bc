package io.pryv.migration.transfer.tree;

/**
 * One path of a tree, relative to its root ({@code ""} is the root itself, separators are {@code
 * /}): type, size, modification time in whole seconds (like rsync's quick check), permission bits,
 * numeric owner, and the target of a symbolic link.
 */
public record Entry(
    String path, Type type, long size, long mtime, int mode, int uid, int gid, String linkTarget) {

  public enum Type {
    FILE,
    DIR,
    SYMLINK
  }

  public boolean isFile() {
    return type == Type.FILE;
  }

  public boolean isDir() {
    return type == Type.DIR;
  }

  public boolean isSymlink() {
    return type == Type.SYMLINK;
  }

  /** The parent's path, {@code ""} for a top-level entry; null for the root. */
  public String parent() {
    if (path.isEmpty()) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * The mode as {@code ls -l} would show the permission part, in octal ({@code 644}, {@code 4755}).
   */
  public String octalMode() {
    return Integer.toOctalString(mode & 07777);
  }
}
