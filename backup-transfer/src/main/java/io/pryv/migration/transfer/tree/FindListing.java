package io.pryv.migration.transfer.tree;

import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what GNU {@code find . -printf FORMAT} prints on the far side: a {@code uid} header, then eight
 * NUL-terminated fields per path (type, size, mtime, mode, uid, gid, path, link target). NUL separation keeps
 * every possible file name intact (spaces, newlines, unicode).
 */
public final class FindListing {
  /** The -printf format this parser reads. */
  public static final String FORMAT = "%y\\0%s\\0%T@\\0%m\\0%U\\0%G\\0%P\\0%l\\0";

  private FindListing() {}

  public static LocalScanner.Result parse(InputStream in, boolean followLinks, String origin) throws IOException {
    // Numbers are read straight from the bytes: only the path (and a link's target) become strings, which
    // halves the time a cold JVM spends on 20,000 entries.
    Fields fields = new Fields(in.readAllBytes());
    int ownerUid;
    try {
      if (!fields.nextText().equals("uid")) {
        throw new NumberFormatException("no uid header");
      }
      ownerUid = (int) fields.nextNumber(10);
    } catch (NumberFormatException e) {
      throw ToolException.environment("unexpected listing from " + origin + " (is GNU find installed there?)");
    }
    Map<String, Entry> entries = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    while (fields.hasNext()) {
      if (!fields.hasRecord()) {
        throw ToolException.environment("truncated listing from " + origin);
      }
      byte type = fields.nextType();
      long size = fields.nextNumber(10);
      long mtime = fields.nextSeconds();
      int mode = (int) fields.nextNumber(8);
      int uid = (int) fields.nextNumber(10);
      int gid = (int) fields.nextNumber(10);
      String path = RelativePaths.requireSafe(fields.nextText(), origin);
      String link = fields.nextText();
      if (RelativePaths.isPartial(path)) {
        continue;
      }
      switch (type) {
        case 'f' -> entries.put(path, new Entry(path, Entry.Type.FILE, size, mtime, mode, uid, gid, null));
        case 'd' -> entries.put(path, new Entry(path, Entry.Type.DIR, 0, mtime, mode, uid, gid, null));
        case 'l' -> {
          if (followLinks) {
            skipped.add(path); // with find -L only a dangling link is still a link
          } else {
            entries.put(path, new Entry(path, Entry.Type.SYMLINK, 0, mtime, mode, uid, gid, link));
          }
        }
        default -> skipped.add(path); // device, fifo, socket
      }
    }
    return new LocalScanner.Result(new Tree(entries, ownerUid), skipped);
  }

  static long seconds(String findTime) {
    byte[] bytes = findTime.getBytes(StandardCharsets.US_ASCII);
    return new Fields(bytes).seconds(0, bytes.length);
  }

  /** NUL-terminated fields over the whole listing; a malformed number throws NumberFormatException. */
  private static final class Fields {
    private static final int PER_RECORD = 8;
    private final byte[] bytes;
    private int position;

    Fields(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean hasNext() {
      return position < bytes.length;
    }

    /** True when {@link #PER_RECORD} complete fields follow. */
    boolean hasRecord() {
      int nuls = 0;
      for (int i = position; i < bytes.length && nuls < PER_RECORD; i++) {
        if (bytes[i] == 0) {
          nuls++;
        }
      }
      return nuls == PER_RECORD;
    }

    String nextText() {
      int end = end();
      String text = end == position ? "" : new String(bytes, position, end - position, StandardCharsets.UTF_8);
      position = end + 1;
      return text;
    }

    byte nextType() {
      int end = end();
      byte type = end - position == 1 ? bytes[position] : (byte) '?';
      position = end + 1;
      return type;
    }

    long nextNumber(int radix) {
      int end = end();
      long value = number(position, end, radix);
      position = end + 1;
      return value;
    }

    /** find's {@code %T@} (seconds.fraction) rounded down to whole seconds, also before 1970. */
    long nextSeconds() {
      int end = end();
      long value = seconds(position, end);
      position = end + 1;
      return value;
    }

    long seconds(int start, int end) {
      int dot = start;
      while (dot < end && bytes[dot] != '.') {
        dot++;
      }
      long value = number(start, dot, 10);
      boolean fraction = false;
      for (int i = dot + 1; i < end; i++) {
        fraction |= bytes[i] != '0';
      }
      return value < 0 && fraction ? value - 1 : value;
    }

    private long number(int start, int end, int radix) {
      boolean negative = start < end && bytes[start] == '-';
      int i = negative ? start + 1 : start;
      if (i == end || end - i > 19) {
        throw new NumberFormatException("not a number: " + new String(bytes, start, end - start,
            StandardCharsets.UTF_8));
      }
      long value = 0;
      for (; i < end; i++) {
        int digit = Character.digit(bytes[i], radix);
        if (digit < 0) {
          throw new NumberFormatException("not a number: " + new String(bytes, start, end - start,
              StandardCharsets.UTF_8));
        }
        value = value * radix + digit;
      }
      return negative ? -value : value;
    }

    private int end() {
      for (int i = position; i < bytes.length; i++) {
        if (bytes[i] == 0) {
          return i;
        }
      }
      throw new NumberFormatException("a field without its NUL terminator at the end of the listing");
    }
  }
}
