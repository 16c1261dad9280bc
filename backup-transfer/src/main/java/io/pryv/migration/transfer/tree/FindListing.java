package io.pryv.migration.transfer.tree;

import io.pryv.migration.common.ToolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * Reads what GNU {@code find . -printf FORMAT} prints on the far side: a {@code uid} header, then eight
 * NUL-terminated fields per path (type, size, mtime in whole seconds, mode, uid, gid, path, link target). NUL
 * separation keeps every possible file name intact (spaces, newlines, unicode).
 */
public final class FindListing {
  /** The -printf format this parser reads. */
  public static final String FORMAT = "%y\\0%s\\0%Ts\\0%m\\0%U\\0%G\\0%P\\0%l\\0";
  private static final int PER_RECORD = 8;

  private FindListing() {}

  /**
   * Reads the listing as it arrives (parsing overlaps with find's walk and the transfer), plain or gzip
   * compressed (the far side compresses it: a tenth of the bytes to decrypt).
   */
  public static LocalScanner.Result parse(InputStream in, boolean followLinks, String origin) throws IOException {
    // Numbers are read straight from the bytes: only the path (and a link's target) become strings, which
    // halves the time a cold JVM spends on 20,000 entries.
    Fields fields = new Fields(SortedListing.uncompressed(in, origin));
    int ownerUid;
    try {
      if (!fields.fill(2) || !fields.nextText().equals("uid")) {
        throw new NumberFormatException("no uid header");
      }
      ownerUid = (int) fields.nextNumber(10);
    } catch (NumberFormatException | EOFException | ZipException e) {
      throw ToolException.environment("unexpected listing from " + origin + " (is GNU find installed there?)");
    }
    Map<String, Entry> entries = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    try {
      readRecords(fields, followLinks, origin, entries, skipped);
    } catch (EOFException e) {
      throw ToolException.environment("truncated listing from " + origin);
    } catch (ZipException e) {
      throw ToolException.environment("unexpected listing from " + origin + ": " + e.getMessage());
    }
    return new LocalScanner.Result(new Tree(entries, ownerUid), skipped);
  }

  private static void readRecords(Fields fields, boolean followLinks, String origin, Map<String, Entry> entries,
      List<String> skipped) throws IOException {
    while (fields.fill(PER_RECORD)) {
      readRecord(fields, followLinks, origin, entries, skipped);
    }
  }

  /**
   * One record, {@link Fields#fill} having made sure it is complete. A method of its own rather than the loop's
   * body: the JIT compiles a small method after a few hundred calls, a long loop in a method called once runs
   * interpreted.
   */
  private static void readRecord(Fields fields, boolean followLinks, String origin, Map<String, Entry> entries,
      List<String> skipped) {
    byte type = fields.nextType();
    long size = fields.nextNumber(10);
    long mtime = fields.nextNumber(10); // %Ts: seconds rounded down, also before 1970
    int mode = (int) fields.nextNumber(8);
    int uid = (int) fields.nextNumber(10);
    int gid = (int) fields.nextNumber(10);
    String path = RelativePaths.requireSafe(fields.nextText(), origin);
    String link = fields.nextText();
    if (RelativePaths.isPartial(path)) {
      return;
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

  /**
   * NUL-terminated fields read from a stream into a window that is refilled as parsing goes; a malformed number
   * throws NumberFormatException.
   */
  private static final class Fields {
    private final ByteWindow window;
    private boolean ended;

    Fields(InputStream in) {
      this.window = new ByteWindow(in, 64 * 1024);
    }

    /**
     * Makes sure {@code count} complete fields follow, reading more as needed. False at a clean end (nothing
     * left); throws EOFException when the stream ends inside them.
     */
    boolean fill(int count) throws IOException {
      int scanned = window.position();
      int nuls = 0;
      while (true) {
        byte[] bytes = window.bytes();
        int limit = window.limit();
        for (; scanned < limit && nuls < count; scanned++) {
          if (bytes[scanned] == 0) {
            nuls++;
          }
        }
        if (nuls == count) {
          return true;
        }
        if (ended) {
          if (!window.hasUnread()) {
            return false;
          }
          throw new EOFException("a field without its NUL terminator at the end of the listing");
        }
        scanned -= window.position(); // readMore moves the unread bytes to the front
        ended = !window.readMore();
      }
    }

    String nextText() {
      int start = window.position();
      int end = end();
      String text = end == start ? "" : new String(window.bytes(), start, end - start, StandardCharsets.UTF_8);
      window.position(end + 1);
      return text;
    }

    byte nextType() {
      int start = window.position();
      int end = end();
      byte type = end - start == 1 ? window.bytes()[start] : (byte) '?';
      window.position(end + 1);
      return type;
    }

    long nextNumber(int radix) {
      int end = end();
      long value = number(window.bytes(), window.position(), end, radix);
      window.position(end + 1);
      return value;
    }

    private static long number(byte[] bytes, int start, int end, int radix) {
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

    /** The end of the current field: {@link #fill} has made sure it is in the window. */
    private int end() {
      byte[] bytes = window.bytes();
      for (int i = window.position(); i < window.limit(); i++) {
        if (bytes[i] == 0) {
          return i;
        }
      }
      throw new IllegalStateException("a field read past what fill() made sure of");
    }
  }
}
