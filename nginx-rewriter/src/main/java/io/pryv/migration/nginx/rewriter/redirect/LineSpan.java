package io.pryv.migration.nginx.rewriter.redirect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole lines a directive occupies, when it has them to itself: only indentation before it on
 * its first line, only blanks or a comment after it on its last line. Only such directives can be
 * commented out line by line and restored exactly.
 */
record LineSpan(
    int firstLineStart, List<Integer> lineStarts, String indentation, String lineEnding) {

  /** The lines of [start, end) in text, or empty when another directive shares one of them. */
  static Optional<LineSpan> of(String text, int start, int end) {
    int lineStart = text.lastIndexOf('\n', start - 1) + 1;
    int indentEnd = Marks.indentationEnd(text, lineStart);
    if (indentEnd != start) {
      return Optional.empty();
    }
    int lineEnd = text.indexOf('\n', end);
    String after = text.substring(end, lineEnd < 0 ? text.length() : lineEnd);
    String afterBody = after.endsWith("\r") ? after.substring(0, after.length() - 1) : after;
    String trailing = afterBody.strip();
    if (!trailing.isEmpty() && !trailing.startsWith("#")) {
      return Optional.empty();
    }
    List<Integer> starts = new ArrayList<>();
    starts.add(lineStart);
    for (int i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
      starts.add(i + 1);
    }
    return Optional.of(
        new LineSpan(
            lineStart, starts, text.substring(lineStart, start), lineEndingAt(text, lineStart)));
  }

  /**
   * The ending of the line that starts at lineStart, or the file's first one when that line has
   * none.
   */
  static String lineEndingAt(String text, int lineStart) {
    int newline = text.indexOf('\n', lineStart);
    if (newline < 0) {
      newline = text.indexOf('\n');
      if (newline < 0) {
        return "\n";
      }
    }
    return newline > 0 && text.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
  }

  /** The indentation of the line that holds offset. */
  static String indentationOfLineAt(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return text.substring(lineStart, Marks.indentationEnd(text, lineStart));
  }
}
