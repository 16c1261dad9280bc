package io.pryv.migration.platformyml.path;

import io.pryv.migration.common.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A dotted path to a node: {@code vars.MACHINES_AND_PLATFORM_SETTINGS.settings}. A key holding
 * dots, spaces or quotes is written quoted, {@code vars.HOSTINGS_AND_CORES."exoscale.ch-ch".co1.ip}
 * (double quotes with {@code \"} and {@code \\}, or single quotes with {@code ''}). In a sequence a
 * segment is the item's index.
 */
public record YamlPath(List<String> segments) {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_\\-/@$+]+");

  public YamlPath {
    segments = List.copyOf(segments);
  }

  public static YamlPath of(String... segments) {
    return new YamlPath(List.of(segments));
  }

  public YamlPath child(String segment) {
    List<String> longer = new ArrayList<>(segments);
    longer.add(segment);
    return new YamlPath(longer);
  }

  public YamlPath prefix(int length) {
    return new YamlPath(segments.subList(0, length));
  }

  public int size() {
    return segments.size();
  }

  /** Parses the dotted text; a malformed path is a usage error. */
  public static YamlPath parse(String text) {
    if (text == null || text.isEmpty()) {
      throw ToolException.usage(
          "the path is empty; write it like vars.MACHINES_AND_PLATFORM_SETTINGS.name");
    }
    List<String> segments = new ArrayList<>();
    int i = 0;
    while (true) {
      StringBuilder segment = new StringBuilder();
      if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
        i = readQuoted(text, i, segment);
      } else {
        int dot = text.indexOf('.', i);
        int end = dot < 0 ? text.length() : dot;
        String bare = text.substring(i, end);
        if (bare.isEmpty()) {
          throw ToolException.usage(
              "path '"
                  + text
                  + "' has an empty part at character "
                  + (i + 1)
                  + "; quote keys that contain dots: a.\"b.c\".d");
        }
        if (bare.indexOf('"') >= 0 || bare.indexOf('\'') >= 0) {
          throw ToolException.usage(
              "path '" + text + "': a quote may only open a whole part: a.\"b c\".d");
        }
        segment.append(bare);
        i = end;
      }
      segments.add(segment.toString());
      if (i == text.length()) {
        return new YamlPath(segments);
      }
      if (text.charAt(i) != '.') {
        throw ToolException.usage(
            "path '" + text + "': expected '.' after the quoted part at character " + (i + 1));
      }
      i++;
      if (i == text.length()) {
        throw ToolException.usage("path '" + text + "' ends with '.'");
      }
    }
  }

  private static int readQuoted(String text, int start, StringBuilder out) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == quote) {
        if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          out.append('\'');
          i += 2;
          continue;
        }
        return i + 1;
      }
      if (quote == '"' && c == '\\' && i + 1 < text.length()) {
        out.append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      out.append(c);
      i++;
    }
    throw ToolException.usage(
        "path '" + text + "': quote opened at character " + (start + 1) + " is not closed");
  }

  /**
   * The path as the user would type it, quoting the parts that need it; {@code parse(toString())}
   * is equal.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (String segment : segments) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(quoteIfNeeded(segment));
    }
    return out.toString();
  }

  public static String quoteIfNeeded(String segment) {
    if (BARE.matcher(segment).matches()) {
      return segment;
    }
    return '"' + segment.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
