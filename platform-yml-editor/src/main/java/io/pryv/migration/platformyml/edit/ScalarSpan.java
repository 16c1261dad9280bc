package io.pryv.migration.platformyml.edit;

import io.pryv.migration.platformyml.yaml.YamlText;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Where a scalar's own text is in the file, without its anchor and tag: {@code [start, end)} as
 * UTF-16 indices into the text and as byte offsets into the bytes. An empty plain scalar ({@code
 * ip:}) has start == end, right after its indicator.
 */
public record ScalarSpan(
    int charStart, int charEnd, int byteStart, int byteEnd, ScalarStyle style) {

  public static ScalarSpan locate(YamlText source, ScalarNode node) {
    String text = source.text();
    int start = source.charIndex(node.getStartMark().orElseThrow().getIndex());
    int end = source.charIndex(node.getEndMark().orElseThrow().getIndex());
    start = skipProperties(text, start, end, node.getAnchor().map(a -> a.getValue()).orElse(null));
    return new ScalarSpan(
        start,
        end,
        source.byteOffsetOfChar(start),
        source.byteOffsetOfChar(end),
        node.getScalarStyle());
  }

  /**
   * SnakeYAML's node starts at its anchor or tag ({@code &a !!str 1}): skip them, and what
   * separates them.
   */
  private static int skipProperties(String text, int start, int end, String anchor) {
    int i = start;
    while (i < end && (text.charAt(i) == '&' || text.charAt(i) == '!')) {
      if (anchor != null && text.startsWith("&" + anchor, i)) {
        i += 1 + anchor.length(); // SnakeYAML ends an anchor name earlier than at white space
        // (`&an:chor`)
      } else {
        while (i < end && !isWhite(text.charAt(i))) {
          i++;
        }
      }
      while (i < end) {
        char c = text.charAt(i);
        if (isWhite(c)) {
          i++;
        } else if (c == '#') {
          while (i < end && text.charAt(i) != '\n') {
            i++;
          }
        } else {
          break;
        }
      }
    }
    // A node made only of properties (`key: !!null`) is empty: its text goes after them.
    return Math.min(i, end);
  }

  private static boolean isWhite(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  public boolean isEmpty() {
    return charStart == charEnd;
  }

  public String text(YamlText source) {
    return source.text().substring(charStart, charEnd);
  }
}
