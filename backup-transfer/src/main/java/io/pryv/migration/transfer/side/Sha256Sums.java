package io.pryv.migration.transfer.side;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The line format of GNU {@code sha256sum}: {@code HASH  NAME}, and for a name holding a backslash, newline or
 * carriage return, a leading backslash with those escaped ({@code \\}, {@code \n}, {@code \r}). Both directions.
 */
public final class Sha256Sums {
  private Sha256Sums() {}

  /** True for a name that sha256sum prints escaped (and that openssl would print ambiguously). */
  public static boolean needsEscape(String name) {
    return name.indexOf('\\') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0;
  }

  /** {@code HASH *NAME} as {@code openssl dgst -sha256 -r} prints it, for a name without escapes. */
  public static String opensslLine(String hash, String name) {
    return hash + " *" + name + "\n";
  }

  /** One line, newline included, that {@code sha256sum -c} accepts. */
  public static String line(String hash, String name) {
    if (!needsEscape(name)) {
      return hash + "  " + name + "\n";
    }
    String escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    return "\\" + hash + "  " + escaped + "\n";
  }

  public static Map<String, String> parse(InputStream in) throws IOException {
    Map<String, String> sums = new HashMap<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    byte[] buffer = new byte[64 * 1024];
    int count;
    while ((count = in.read(buffer)) >= 0) {
      int start = 0;
      for (int i = 0; i < count; i++) {
        if (buffer[i] == '\n') {
          line.write(buffer, start, i - start);
          add(sums, line.toString(StandardCharsets.UTF_8));
          line.reset();
          start = i + 1;
        }
      }
      line.write(buffer, start, count - start);
    }
    if (line.size() > 0) {
      add(sums, line.toString(StandardCharsets.UTF_8));
    }
    return sums;
  }

  private static void add(Map<String, String> sums, String text) {
    boolean escaped = text.startsWith("\\");
    String body = escaped ? text.substring(1) : text;
    if (body.length() < 66) {
      throw new IllegalStateException("unexpected sha256sum output: " + text);
    }
    String hash = body.substring(0, 64);
    String name = body.substring(66);
    sums.put(escaped ? unescape(name) : name, hash);
  }

  static String unescape(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 1 < name.length()) {
        char next = name.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
