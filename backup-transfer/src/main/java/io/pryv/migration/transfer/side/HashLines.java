package io.pryv.migration.transfer.side;

import io.pryv.migration.transfer.tree.ByteWindow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The lines of the hashing tools. GNU {@code sha256sum}: {@code HASH NAME}, and for a name holding
 * a backslash, newline or carriage return, a leading backslash with those escaped ({@code \\},
 * {@code \n}, {@code \r}); written and read. {@code openssl dgst -sha256 -r}: {@code HASH *NAME};
 * POSIX {@code cksum}: {@code CRC SIZE NAME} (names never escaped, so only plain names go to those
 * two); read, mixed in one stream if need be.
 */
public final class HashLines {
  private HashLines() {}

  /** True for a name that sha256sum prints escaped (and that openssl would print ambiguously). */
  public static boolean needsEscape(String name) {
    return name.indexOf('\\') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0;
  }

  /**
   * {@code HASH *NAME} as {@code openssl dgst -sha256 -r} prints it, for a name without escapes.
   */
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

  /**
   * The lines of sha256sum, {@code openssl dgst -sha256 -r} or cksum, name to hash (lower-case hex
   * for SHA-256, the CRC in decimal for cksum), read as they arrive; names given relative: without
   * the {@code ./} that find's paths start with (taken off as each line is read: a second map of
   * every name, even for a moment, would double what the hashes hold).
   */
  public static Map<String, String> parseRelative(InputStream in) throws IOException {
    Map<String, String> sums = new HashMap<>();
    ByteWindow window = new ByteWindow(in, 64 * 1024);
    do {
      int newline;
      while ((newline = indexOf(window.bytes(), (byte) '\n', window.position(), window.limit()))
          >= 0) {
        add(sums, window.bytes(), window.position(), newline);
        window.position(newline + 1);
      }
    } while (window.readMore());
    if (window.hasUnread()) {
      add(sums, window.bytes(), window.position(), window.limit());
    }
    return sums;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** One parsed line: the name (relative when asked) and its checksum. */
  public record Line(String name, String checksum) {}

  private static void add(Map<String, String> sums, byte[] line, int start, int end) {
    Line parsed = line(line, start, end, true);
    sums.put(parsed.name(), parsed.checksum());
  }

  /**
   * One line: {@code [\\]HASH, two characters (two spaces, or space and star), NAME}, or {@code CRC
   * SIZE NAME} (digits, which a SHA-256 line never has in its first 64 characters next to a space).
   */
  public static Line line(byte[] line, int start, int end, boolean relative) {
    int crcEnd = digits(line, start, end);
    if (crcEnd > start && crcEnd < end && line[crcEnd] == ' ') {
      int sizeEnd = digits(line, crcEnd + 1, end);
      if (sizeEnd > crcEnd + 1 && sizeEnd < end && line[sizeEnd] == ' ') {
        return new Line(
            name(line, sizeEnd + 1, end, relative),
            new String(line, start, crcEnd - start, StandardCharsets.ISO_8859_1));
      }
    }
    boolean escaped = start < end && line[start] == '\\';
    int hashStart = escaped ? start + 1 : start;
    if (end - hashStart < 66) {
      throw new IllegalStateException(
          "unexpected sha256sum output: "
              + new String(line, start, end - start, StandardCharsets.UTF_8));
    }
    String hash = new String(line, hashStart, 64, StandardCharsets.ISO_8859_1);
    if (escaped) {
      String name =
          unescape(new String(line, hashStart + 66, end - hashStart - 66, StandardCharsets.UTF_8));
      return new Line(relative && name.startsWith("./") ? name.substring(2) : name, hash);
    }
    return new Line(name(line, hashStart + 66, end, relative), hash);
  }

  /**
   * The name in {@code line[start, end)}, its leading {@code ./} left out when {@code relative}.
   */
  private static String name(byte[] line, int start, int end, boolean relative) {
    int from =
        relative && end - start >= 2 && line[start] == '.' && line[start + 1] == '/'
            ? start + 2
            : start;
    return new String(line, from, end - from, StandardCharsets.UTF_8);
  }

  /** Where the run of ASCII digits that starts at {@code from} ends. */
  private static int digits(byte[] line, int from, int end) {
    int i = from;
    while (i < end && line[i] >= '0' && line[i] <= '9') {
      i++;
    }
    return i;
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
