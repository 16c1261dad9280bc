package io.pryv.migration.nginx.rewriter.redirect;

import java.nio.charset.StandardCharsets;

/**
 * The marks that make a redirect reversible from the file itself. An old line is kept, commented
 * out, by inserting {@link #WAS} after its indentation; a line we add ends with {@link #ADDED}.
 * Rollback deletes the added lines and takes the {@link #WAS} marks out again, which gives back the
 * original bytes exactly, even on a copy of the file and after the backup is gone.
 */
public final class Marks {
  /** Inserted after the indentation of each line we comment out. */
  public static final String WAS = "#[nginx-rewriter:was] ";

  /** Ends each line we add (before its line ending). */
  public static final String ADDED = " #[nginx-rewriter:added]";

  private Marks() {}

  /**
   * Bytes as a string with one char per byte, so that string offsets are the parser's byte offsets.
   */
  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Whether the text holds any line written by a redirect. */
  public static boolean present(String text) {
    return text.contains(WAS) || text.contains(ADDED);
  }

  /** The text as it was before any redirect: added lines removed, commented lines restored. */
  public static String original(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      int next = newline < 0 ? text.length() : newline + 1;
      String line = text.substring(start, next);
      String body = withoutLineEnding(line);
      if (!body.endsWith(ADDED)) {
        out.append(uncomment(line));
      }
      start = next;
    }
    return out.toString();
  }

  /** The line with the {@link #WAS} mark after its indentation taken out, or unchanged. */
  static String uncomment(String line) {
    int i = indentationEnd(line, 0);
    return line.startsWith(WAS, i) ? line.substring(0, i) + line.substring(i + WAS.length()) : line;
  }

  /** Whether a line (with or without ending) is one we added. */
  public static boolean isAdded(String line) {
    return withoutLineEnding(line).endsWith(ADDED);
  }

  /** The line without its LF, CRLF, or the CR left when a caller cut the line before its LF. */
  static String withoutLineEnding(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    return line.substring(0, end);
  }

  /** The offset of the first char at or after {@code from} that is not a space or a tab. */
  static int indentationEnd(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
