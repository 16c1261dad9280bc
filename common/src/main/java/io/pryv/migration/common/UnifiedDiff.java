package io.pryv.migration.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} format) of two texts, line by line, computed with Myers' O(ND)
 * algorithm. Used by every {@code --dry-run} that would change a file. Line endings are part of a
 * line's identity, so a CRLF file stays CRLF in the comparison; a last line without a newline is
 * marked as diff marks it.
 */
public final class UnifiedDiff {
  private static final int DEFAULT_CONTEXT = 3;

  private enum Kind {
    SAME,
    DELETE,
    INSERT
  }

  private record Edit(Kind kind, int oldIndex, int newIndex) {}

  private UnifiedDiff() {}

  /** The diff, or an empty string when the texts are equal. */
  public static String diff(String oldName, String newName, String oldText, String newText) {
    return diff(oldName, newName, oldText, newText, DEFAULT_CONTEXT);
  }

  public static String diff(
      String oldName, String newName, String oldText, String newText, int context) {
    if (oldText.equals(newText)) {
      return "";
    }
    List<String> a = splitLines(oldText);
    List<String> b = splitLines(newText);
    List<Edit> edits = edits(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldName).append('\n');
    out.append("+++ ").append(newName).append('\n');
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).kind() == Kind.SAME) {
        i++;
        continue;
      }
      int start = Math.max(0, i - context);
      int end = i;
      // Extend the hunk while the next change is within 2*context unchanged lines.
      int lastChange = i;
      for (int j = i; j < edits.size(); j++) {
        if (edits.get(j).kind() != Kind.SAME) {
          lastChange = j;
        } else if (j - lastChange > 2 * context) {
          break;
        }
      }
      end = Math.min(edits.size(), lastChange + context + 1);
      appendHunk(out, edits.subList(start, end), a, b);
      i = end;
    }
    return out.toString();
  }

  private static void appendHunk(
      StringBuilder out, List<Edit> hunk, List<String> a, List<String> b) {
    int oldStart = -1;
    int newStart = -1;
    int oldCount = 0;
    int newCount = 0;
    for (Edit edit : hunk) {
      if (edit.kind() != Kind.INSERT) {
        if (oldStart < 0) {
          oldStart = edit.oldIndex();
        }
        oldCount++;
      }
      if (edit.kind() != Kind.DELETE) {
        if (newStart < 0) {
          newStart = edit.newIndex();
        }
        newCount++;
      }
    }
    // diff numbers an empty range by the line before it.
    int oldLine = oldCount == 0 ? firstIndex(hunk, true) : oldStart + 1;
    int newLine = newCount == 0 ? firstIndex(hunk, false) : newStart + 1;
    out.append("@@ -")
        .append(range(oldLine, oldCount))
        .append(" +")
        .append(range(newLine, newCount))
        .append(" @@\n");
    for (Edit edit : hunk) {
      switch (edit.kind()) {
        case SAME -> appendLine(out, ' ', a.get(edit.oldIndex()));
        case DELETE -> appendLine(out, '-', a.get(edit.oldIndex()));
        case INSERT -> appendLine(out, '+', b.get(edit.newIndex()));
        default -> throw new IllegalStateException();
      }
    }
  }

  private static int firstIndex(List<Edit> hunk, boolean old) {
    Edit first = hunk.get(0);
    return old ? first.oldIndex() : first.newIndex();
  }

  private static String range(int start, int count) {
    return count == 1 ? String.valueOf(start) : start + "," + count;
  }

  private static void appendLine(StringBuilder out, char marker, String line) {
    out.append(marker);
    if (line.endsWith("\n")) {
      out.append(line);
    } else {
      out.append(line).append("\n\\ No newline at end of file\n");
    }
  }

  /** Lines with their terminators kept, so that "a\r\n" and "a\n" differ. */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** Myers' greedy algorithm with a trace for backtracking; the edit script in file order. */
  private static List<Edit> edits(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int max = n + m;
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      trace.add(v.clone());
      for (int k = -d; k <= d; k += 2) {
        int x;
        if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
          x = v[offset + k + 1];
        } else {
          x = v[offset + k - 1] + 1;
        }
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    List<Edit> reversed = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = found; d > 0; d--) {
      int[] previous = trace.get(d);
      int k = x - y;
      int previousK =
          (k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1]))
              ? k + 1
              : k - 1;
      int previousX = previous[offset + previousK];
      int previousY = previousX - previousK;
      while (x > previousX && y > previousY) {
        reversed.add(new Edit(Kind.SAME, --x, --y));
      }
      if (x == previousX) {
        reversed.add(new Edit(Kind.INSERT, x, --y));
      } else {
        reversed.add(new Edit(Kind.DELETE, --x, y));
      }
    }
    while (x > 0 && y > 0) {
      reversed.add(new Edit(Kind.SAME, --x, --y));
    }
    List<Edit> edits = new ArrayList<>(reversed.size());
    for (int i = reversed.size() - 1; i >= 0; i--) {
      edits.add(reversed.get(i));
    }
    return edits;
  }
}
