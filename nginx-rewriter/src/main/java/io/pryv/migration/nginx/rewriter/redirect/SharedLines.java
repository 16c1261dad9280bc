package io.pryv.migration.nginx.rewriter.redirect;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.rewriter.config.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Edits of directives that share their line with other directives ({@code location /x { proxy_pass
 * http://a; }}). Such a line cannot be commented out alone, so the whole line is: the edits are
 * applied to a copy of it, the copy (each of its lines marked {@link Marks#ADDED}) goes above, and
 * each original line gets {@link Marks#WAS}. Rollback then restores it byte for byte like any other
 * line. Lines holding several edits get one copy.
 */
final class SharedLines {
  private record Inline(int start, int end, String replacement, int order) {}

  private record Group(int start, int end, List<Inline> edits) {}

  private final SourceFile file;
  private final List<Inline> edits = new ArrayList<>();

  SharedLines(SourceFile file) {
    this.file = file;
  }

  /** Replaces [start, end) of the original text, in the copy of its lines. */
  void replace(int start, int end, String replacement) {
    edits.add(new Inline(start, end, replacement, edits.size()));
  }

  void insert(int offset, String text) {
    replace(offset, offset, text);
  }

  /** Adds the copies and the comment marks to fileEdits (offsets in the original text). */
  void addTo(TextEdits fileEdits) {
    String text = file.original();
    for (Group group : groups(text)) {
      refuseTokensAcrossLines(group);
      StringBuilder copy = new StringBuilder();
      int position = group.start();
      for (Inline edit : group.edits()) {
        copy.append(text, position, edit.start()).append(edit.replacement());
        position = edit.end();
      }
      copy.append(text, position, group.end());
      if (group.end() == text.length() && !text.endsWith("\n")) {
        copy.append(LineSpan.lineEndingAt(text, group.start()));
      }
      fileEdits.insert(group.start(), markEachLine(copy.toString()));
      for (int lineStart = group.start(); lineStart < group.end(); ) {
        fileEdits.insert(Marks.indentationEnd(text, lineStart), Marks.WAS);
        int newline = text.indexOf('\n', lineStart);
        lineStart = newline < 0 ? group.end() : newline + 1;
      }
    }
  }

  /** The edits grouped by the whole lines they touch; groups that share a line are merged. */
  private List<Group> groups(String text) {
    List<Inline> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Inline::start).thenComparingInt(Inline::order));
    List<Group> groups = new ArrayList<>();
    for (Inline edit : sorted) {
      int start = text.lastIndexOf('\n', edit.start() - 1) + 1;
      int newline = text.indexOf('\n', edit.end());
      int end = newline < 0 ? text.length() : newline + 1;
      Group last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last != null && start < last.end()) {
        if (edit.start() < lastEditEnd(last)) {
          throw new IllegalStateException("overlapping edits at offset " + edit.start());
        }
        last.edits().add(edit);
        groups.set(
            groups.size() - 1, new Group(last.start(), Math.max(end, last.end()), last.edits()));
      } else {
        List<Inline> members = new ArrayList<>();
        members.add(edit);
        groups.add(new Group(start, end, members));
      }
    }
    return groups;
  }

  private static int lastEditEnd(Group group) {
    return group.edits().get(group.edits().size() - 1).end();
  }

  /** Each line of the copy ends with the added mark (before its line ending). */
  private static String markEachLine(String copy) {
    StringBuilder out = new StringBuilder(copy.length() + 64);
    int start = 0;
    while (start < copy.length()) {
      int newline = copy.indexOf('\n', start);
      int next = newline < 0 ? copy.length() : newline + 1;
      String line = copy.substring(start, next);
      String body = Marks.withoutLineEnding(line);
      out.append(body).append(Marks.ADDED).append(line, body.length(), line.length());
      start = next;
    }
    return out.toString();
  }

  /**
   * A quoted argument that runs over a line break of the copied lines would get a mark inside it.
   */
  private void refuseTokensAcrossLines(Group group) {
    String text = file.original();
    RedirectPlanner.walk(
        file.originalParsed(),
        new ArrayList<>(),
        (directive, ancestors) -> {
          for (Node.Arg arg : directive.args()) {
            boolean overlaps =
                arg.start() >= 0 && arg.start() < group.end() && arg.end() > group.start();
            if (overlaps && text.substring(arg.start(), arg.end()).indexOf('\n') >= 0) {
              throw ToolException.badInput(
                  RedirectPlanner.where(file, directive)
                      + ": an argument of "
                      + directive.name()
                      + " runs over several lines next to a directive that must change on that line; put the directive"
                      + " to change on a line of its own, then run again");
            }
          }
        });
  }
}
