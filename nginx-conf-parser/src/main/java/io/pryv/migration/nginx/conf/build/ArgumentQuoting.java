package io.pryv.migration.nginx.conf.build;

import io.pryv.migration.nginx.conf.compat.PythonText;
import java.util.ArrayList;
import java.util.List;

/**
 * crossplane's {@code _enquote}: an argument that nginx would not read back as one token (empty,
 * with spaces, braces, semicolons, quotes, or broken {@code ${}} syntax) is written as Python's
 * {@code repr} of it, with doubled backslashes undone.
 */
final class ArgumentQuoting {
  private ArgumentQuoting() {}

  static String enquote(String arg) {
    if (!needsQuotes(arg)) {
      return arg;
    }
    return PythonText.repr(arg).replace("\\\\", "\\");
  }

  static boolean needsQuotes(String text) {
    if (text.isEmpty()) {
      return true;
    }
    List<String> chars = escape(text);
    String c = chars.get(0);
    if (isSpace(c)
        || c.equals("{")
        || c.equals("}")
        || c.equals(";")
        || c.equals("\"")
        || c.equals("'")
        || c.equals("${")) {
      return true;
    }
    boolean expanding = false;
    for (int i = 1; i < chars.size(); i++) {
      c = chars.get(i);
      if (isSpace(c) || c.equals("{") || c.equals(";") || c.equals("\"") || c.equals("'")) {
        return true;
      } else if (c.equals(expanding ? "${" : "}")) {
        return true;
      } else if (c.equals(expanding ? "}" : "${")) {
        expanding = !expanding;
      }
    }
    return c.equals("\\") || c.equals("$") || expanding;
  }

  /**
   * crossplane's {@code _escape} generator, quirks included (a final backslash or dollar comes out
   * again).
   */
  static List<String> escape(String text) {
    List<String> out = new ArrayList<>(text.length());
    String prev = "";
    String c = "";
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      c = new String(Character.toChars(cp));
      if (prev.equals("\\") || (prev + c).equals("${")) {
        prev = prev + c;
        out.add(prev);
        continue;
      }
      if (prev.equals("$")) {
        out.add(prev);
      }
      if (!c.equals("\\") && !c.equals("$")) {
        out.add(c);
      }
      prev = c;
    }
    if (c.equals("\\") || c.equals("$")) {
      out.add(c);
    }
    return out;
  }

  /** Python's {@code str.isspace()} on a short string. */
  private static boolean isSpace(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!PythonText.isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
