package io.pryv.migration.transfer.tree;

import java.util.Comparator;

/**
 * The order of every sorted listing and hash stream: paths compared code point by code point (the
 * order of their UTF-8 bytes) with {@code /} lowest, which is {@code LC_ALL=C sort} of the paths
 * with {@code /} and byte 1 swapped. In that order a folder comes right before everything under it
 * and that subtree is contiguous ({@code a}, {@code a/b}, {@code a.c}): one pass over two such
 * streams can compare them, remove a folder with its subtree, and know when a folder's subtree is
 * done, holding only the chain of open folders.
 */
public final class PathOrder {
  public static final Comparator<String> PATHS = PathOrder::compare;
  public static final Comparator<Entry> ENTRIES = Comparator.comparing(Entry::path, PATHS);

  private PathOrder() {}

  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(rank(x), rank(y));
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * True when {@code path} lies under the folder {@code dir} ({@code ""}: the root, above
   * everything else).
   */
  public static boolean isUnder(String path, String dir) {
    if (dir.isEmpty()) {
      return !path.isEmpty();
    }
    return path.length() > dir.length() && path.charAt(dir.length()) == '/' && path.startsWith(dir);
  }

  /**
   * {@code /} and byte 1 swapped, as {@code tr '/\001' '\001/'} does before {@code sort}: {@code /}
   * ranks as byte 1, below everything a name can hold (byte 0 never is in a path), and byte 1 takes
   * {@code /}'s place between {@code .} and {@code 0}.
   */
  private static int rank(int codePoint) {
    return codePoint == '/' ? 1 : codePoint == 1 ? '/' : codePoint;
  }
}
