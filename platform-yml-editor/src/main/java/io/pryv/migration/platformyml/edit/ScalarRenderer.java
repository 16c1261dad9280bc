package io.pryv.migration.platformyml.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes a new value as YAML scalar text in the style of the scalar it replaces: plain stays plain
 * when the value reads back as the same string (else it is quoted), single quotes stay single when
 * they can carry it, double quotes escape what they must, block scalars keep their indicator,
 * indentation and trailing blank lines. Candidates come best first; the editor keeps the first one
 * that re-parses to exactly the intended tree.
 */
final class ScalarRenderer {
  private static final Pattern BLOCK_HEADER = Pattern.compile("([|>])([1-9+-]{0,2})([^\\r\\n]*)");

  /** The YAML 1.2 Core schema, as the loader resolves plain scalars. */
  private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

  /** What the renderer needs to know about the scalar being replaced. */
  record Target(
      ScalarStyle style,
      Tag oldTag,
      String originalText,
      boolean flowContext,
      String lineBreak,
      boolean needsLeadingSpace) {}

  private ScalarRenderer() {}

  static List<String> candidates(String value, Target target) {
    List<String> out = new ArrayList<>();
    String prefix = target.needsLeadingSpace() ? " " : "";
    String suffix = "";
    if (target.style() == ScalarStyle.LITERAL || target.style() == ScalarStyle.FOLDED) {
      suffix =
          blockEnd(
              target.originalText()); // a flow scalar replacing a block keeps the line breaks after
      // it
    }
    switch (target.style()) {
      case PLAIN -> {
        if (plainReadsBack(value, target)) {
          out.add(value);
        }
        singleQuoted(value).ifPresent(out::add);
      }
      case SINGLE_QUOTED -> singleQuoted(value).ifPresent(out::add);
      case LITERAL, FOLDED -> block(value, target).ifPresent(out::add);
      default -> {}
    }
    out.add(doubleQuoted(value) + suffix);
    out.replaceAll(text -> prefix + text);
    return out;
  }

  /**
   * A plain scalar is kept when it is unambiguous text that resolves to the old type, or to a
   * string.
   */
  static boolean plainReadsBack(String value, Target target) {
    if (value.isEmpty() || !value.strip().equals(value) || !allPrintable(value, false)) {
      return false;
    }
    char first = value.charAt(0);
    char second = value.length() > 1 ? value.charAt(1) : ' ';
    if ("-?:".indexOf(first) >= 0) {
      if (second == ' ' || (target.flowContext() && ",[]{}".indexOf(second) >= 0)) {
        return false;
      }
    } else if (",[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
      return false;
    }
    if (value.contains(": ")
        || value.contains(" #")
        || value.endsWith(":")
        || value.contains("\t")) {
      return false;
    }
    if (target.flowContext() && value.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0)) {
      return false;
    }
    if (value.equals("---")
        || value.equals("...")
        || value.startsWith("--- ")
        || value.startsWith("... ")) {
      return false;
    }
    Tag resolved = RESOLVER.resolve(value, true);
    return resolved.equals(Tag.STR)
        || resolved.equals(target.oldTag())
        || Tag.NULL.equals(target.oldTag());
  }

  static java.util.Optional<String> singleQuoted(String value) {
    if (!allPrintable(value, false)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("'" + value.replace("'", "''") + "'");
  }

  static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    value
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> out.append("\\0");
                case 0x85 -> out.append("\\N");
                case 0x2028 -> out.append("\\L");
                case 0x2029 -> out.append("\\P");
                default -> {
                  if (isPrintableInline(c)) {
                    out.appendCodePoint(c);
                  } else if (c <= 0xFF) {
                    out.append(String.format("\\x%02X", c));
                  } else if (c <= 0xFFFF) {
                    out.append(String.format("\\u%04X", c));
                  } else {
                    out.append(String.format("\\U%08X", c));
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /**
   * Literal or folded: same indicator, same indentation and header comment; chomping chosen for the
   * value.
   */
  static java.util.Optional<String> block(String value, Target target) {
    String original = target.originalText();
    Matcher header = BLOCK_HEADER.matcher(original);
    if (!header.lookingAt() || header.group(2).chars().anyMatch(Character::isDigit)) {
      return java.util.Optional
          .empty(); // an explicit indentation indicator: not worth guessing, quote instead
    }
    int headerEnd = header.end();
    if (headerEnd >= original.length()) {
      return java.util.Optional.empty();
    }
    String rest = original.substring(headerEnd);
    String lb = rest.startsWith("\r\n") ? "\r\n" : "\n";
    String body = rest.substring(lb.length());
    String indent = firstContentIndent(body);
    if (indent == null
        || !allPrintable(value.replace("\n", ""), true)
        || value.contains("\r")
        || value.startsWith(" ")
        || value.startsWith("\t")) {
      return java.util.Optional.empty();
    }
    char indicator = header.group(1).charAt(0);
    if (indicator == '>' && (value.contains("\n") || value.endsWith(" "))) {
      indicator =
          '|'; // folding would need the value's line breaks doubled; a literal block carries it
      // plainly
    }
    String content = value;
    String chomp;
    if (value.endsWith("\n\n")) {
      chomp = "+";
    } else if (value.endsWith("\n")) {
      chomp = "";
      content = value.substring(0, value.length() - 1);
    } else {
      chomp = "-";
    }
    if (chomp.equals("+")) {
      content = value.substring(0, value.length() - 1);
    }
    boolean endsWithBreak = original.endsWith("\n");
    StringBuilder out =
        new StringBuilder().append(indicator).append(chomp).append(header.group(3)).append(lb);
    if (!value.isEmpty()) {
      String[] lines = content.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (!lines[i].isEmpty()) {
          out.append(indent).append(lines[i]);
        }
        if (i < lines.length - 1 || endsWithBreak) {
          out.append(lb);
        }
      }
    }
    if (!chomp.equals("+")) {
      out.append(trailingBlankLines(body));
    }
    return java.util.Optional.of(out.toString());
  }

  /**
   * What follows a block scalar's last content character: its line break and the blank lines after
   * it.
   */
  static String blockEnd(String original) {
    int end = original.length();
    int i = end;
    while (i > 0 && " \r\n".indexOf(original.charAt(i - 1)) >= 0) { // a tab is content
      i--;
    }
    int lineBreak = original.indexOf('\n', i);
    if (lineBreak < 0) {
      return "";
    }
    int breakStart =
        lineBreak > 0 && original.charAt(lineBreak - 1) == '\r' ? lineBreak - 1 : lineBreak;
    return original.substring(Math.max(breakStart, i), end);
  }

  /**
   * The leading spaces of the first line holding something other than spaces, or null when there is
   * none.
   */
  private static String firstContentIndent(String body) {
    for (String line : body.split("\n", -1)) {
      String trimmed = line.replace("\r", "");
      int spaces = 0;
      while (spaces < trimmed.length() && trimmed.charAt(spaces) == ' ') {
        spaces++;
      }
      if (spaces < trimmed.length()) {
        return spaces == 0 ? null : trimmed.substring(0, spaces);
      }
    }
    return null;
  }

  /**
   * The blank lines that end the block's span: they are not content (except with keep chomping).
   */
  private static String trailingBlankLines(String body) {
    int end = body.length();
    int cut = end;
    int i = end;
    // walk back over whole lines made only of spaces/tabs
    while (i > 0) {
      int lineEnd = i;
      int lineStart = body.lastIndexOf('\n', lineEnd - 2) + 1;
      if (lineEnd - 1 < 0 || body.charAt(lineEnd - 1) != '\n') {
        break;
      }
      String line = body.substring(lineStart, lineEnd);
      if (!line.replace(" ", "").replace("\r", "").equals("\n") || lineStart == 0) {
        break;
      }
      cut = lineStart;
      i = lineStart;
    }
    return body.substring(cut, end);
  }

  /**
   * YAML's printable set; inline excludes line breaks (and the BOM, which a value never needs raw).
   */
  private static boolean allPrintable(String value, boolean allowTab) {
    return value.codePoints().allMatch(c -> isPrintableInline(c) || (allowTab && c == '\t'));
  }

  private static boolean isPrintableInline(int c) {
    return (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
