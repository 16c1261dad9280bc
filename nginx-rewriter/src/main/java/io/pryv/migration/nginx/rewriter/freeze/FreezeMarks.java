package io.pryv.migration.nginx.rewriter.freeze;

/**
 * The mark that makes a freeze reversible from the file itself: every line a freeze adds ends with
 * {@link #FROZEN} (before its line ending). A freeze only adds whole lines, so deleting the marked
 * lines gives back the bytes the file had before, whatever else (a redirect's own marks) the file
 * holds.
 */
public final class FreezeMarks {
  /**
   * Ends each line a freeze adds. Distinct from the redirect's marks, so that each undo removes
   * only its own.
   */
  public static final String FROZEN = " #[nginx-rewriter:frozen]";

  private FreezeMarks() {}

  /** The text without the lines a freeze added. */
  public static String unfrozen(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      int next = newline < 0 ? text.length() : newline + 1;
      String line = text.substring(start, next);
      if (!isFrozenLine(line)) {
        out.append(line);
      }
      start = next;
    }
    return out.toString();
  }

  /** Whether a line (with or without its ending) is one a freeze added. */
  static boolean isFrozenLine(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && line.charAt(end - 1) == '\r') {
        end--;
      }
    }
    return line.startsWith(FROZEN, end - FROZEN.length());
  }

  /** The whole line (without ending) that holds offset. */
  static String lineAt(String text, int offset) {
    int start = text.lastIndexOf('\n', offset - 1) + 1;
    int end = text.indexOf('\n', offset);
    String line = text.substring(start, end < 0 ? text.length() : end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
