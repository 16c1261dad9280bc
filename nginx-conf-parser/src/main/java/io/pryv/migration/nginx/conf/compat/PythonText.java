package io.pryv.migration.nginx.conf.compat;

/**
 * The few Python string behaviours crossplane's output depends on: {@code repr()}, {@code
 * str.isspace()}, {@code strip()}.
 */
public final class PythonText {
  private PythonText() {}

  /**
   * Python's {@code repr(str)}: single quotes unless the text has ' and no ", escapes for the rest.
   */
  public static String repr(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp == '\t') {
        out.append("\\t");
      } else if (cp == '\n') {
        out.append("\\n");
      } else if (cp == '\r') {
        out.append("\\r");
      } else if (cp < ' ' || cp == 0x7F) {
        out.append(String.format("\\x%02x", cp));
      } else if (cp < 0x7F || isPrintable(cp)) {
        out.appendCodePoint(cp);
      } else if (cp <= 0xFF) {
        out.append(String.format("\\x%02x", cp));
      } else if (cp <= 0xFFFF) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.append(String.format("\\U%08x", cp));
      }
    }
    return out.append(quote).toString();
  }

  /** Python's notion of a printable character (what {@code repr} leaves as is). */
  static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }

  /** Python's {@code str.isspace()} for one character. */
  public static boolean isSpace(int c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  public static String lstrip(String text) {
    int start = 0;
    while (start < text.length() && isSpace(text.charAt(start))) {
      start++;
    }
    return text.substring(start);
  }

  public static String rstrip(String text) {
    int end = text.length();
    while (end > 0 && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
