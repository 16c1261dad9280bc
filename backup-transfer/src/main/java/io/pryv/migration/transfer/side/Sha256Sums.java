package io.pryv.migration.transfer.side;

import io.pryv.migration.transfer.tree.ByteWindow;
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

  /** The lines of sha256sum or {@code openssl dgst -sha256 -r}, name to hash, read as they arrive. */
  public static Map<String, String> parse(InputStream in) throws IOException {
    Map<String, String> sums = new HashMap<>();
    ByteWindow window = new ByteWindow(in, 64 * 1024);
    do {
      int newline;
      while ((newline = indexOf(window.bytes(), (byte) '\n', window.position(), window.limit())) >= 0) {
        add(sums, window.bytes(), window.position(), newline);
        window.position(newline + 1);
      }
    } while (window.readMore());
    if (window.hasUnread()) {
      add(sums, window.bytes(), window.position(), window.limit());
    }
    return sums;
  }

  /** As {@link #parse}, names given relative: without the {@code ./} that find's paths start with. */
  public static Map<String, String> parseRelative(InputStream in) throws IOException {
    Map<String, String> relative = new HashMap<>();
    parse(in).forEach((name, hash) -> relative.put(name.startsWith("./") ? name.substring(2) : name, hash));
    return relative;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** One line: {@code [\\]HASH, two characters (two spaces, or space and star), NAME}. */
  private static void add(Map<String, String> sums, byte[] line, int start, int end) {
    boolean escaped = line[start] == '\\';
    int hashStart = escaped ? start + 1 : start;
    if (end - hashStart < 66) {
      throw new IllegalStateException("unexpected sha256sum output: "
          + new String(line, start, end - start, StandardCharsets.UTF_8));
    }
    String hash = new String(line, hashStart, 64, StandardCharsets.ISO_8859_1);
    String name = new String(line, hashStart + 66, end - hashStart - 66, StandardCharsets.UTF_8);
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
