package io.pryv.migration.nginx.rewriter.redirect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splices into one file's text, applied together at the end. Offsets refer to the text before any
 * edit; insertions at the same offset keep the order in which they were added. Edits never overlap:
 * each one inserts text or replaces a span that no other edit touches.
 */
final class TextEdits {
  private record Edit(int offset, int length, String replacement, int order) {}

  private final List<Edit> edits = new ArrayList<>();

  void insert(int offset, String text) {
    edits.add(new Edit(offset, 0, text, edits.size()));
  }

  boolean isEmpty() {
    return edits.isEmpty();
  }

  String applyTo(String text) {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Edit::offset).thenComparingInt(Edit::order));
    StringBuilder out = new StringBuilder(text.length() + 256);
    int position = 0;
    for (Edit edit : sorted) {
      if (edit.offset() < position) {
        throw new IllegalStateException("overlapping edits at offset " + edit.offset());
      }
      out.append(text, position, edit.offset()).append(edit.replacement());
      position = edit.offset() + edit.length();
    }
    out.append(text, position, text.length());
    return out.toString();
  }
}
