package io.pryv.migration.transfer.tree;

import io.pryv.migration.common.ToolException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a sorted listing as it arrives, one entry at a time: a {@code uid} header ({@code
 * uid\0N\0}), then one NUL-terminated record per path in {@link PathOrder}, {@code PATH//TYPE SIZE
 * MTIME MODE UID GID LINK} (find's {@code %P}, {@code %y}, {@code %s}, {@code %Ts}, {@code %m} in
 * octal, {@code %U}, {@code %G}, {@code %l}). A path never holds {@code //}, so the first one ends
 * it; the link target comes last and may hold anything but NUL. Plain or gzip-compressed. Printed
 * by {@code sorted_listing} in the side scripts' {@code lib.sh}.
 */
public final class SortedListing {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private SortedListing() {}

  /**
   * What ends a listing: {@code reachedEnd} false when the reader is closed before its end (a
   * failure).
   */
  public interface Completion {
    void complete(boolean reachedEnd) throws IOException;
  }

  /**
   * A reader of {@code in}; its header is read here. {@code completion} runs on close (for a
   * process: wait for it and check its exit status when the end was reached, stop it otherwise).
   * When this throws, no reader was made and ending the source is the caller's: a process's own
   * error (its exit status) must be read first.
   */
  public static EntryReader read(
      InputStream in, boolean followLinks, String origin, Completion completion)
      throws IOException {
    Reader reader = new Reader(uncompressed(in, origin), followLinks, origin, completion);
    reader.readHeader();
    return reader;
  }

  /**
   * The stream itself, or its gzip content when it starts with gzip's magic (a listing starts with
   * "uid").
   */
  static InputStream uncompressed(InputStream in, String origin) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
    buffered.mark(2);
    boolean gzip = buffered.read() == GZIP_MAGIC_1 && buffered.read() == GZIP_MAGIC_2;
    buffered.reset();
    if (!gzip) {
      return buffered;
    }
    try {
      return new GZIPInputStream(buffered, 64 * 1024);
    } catch (ZipException e) {
      throw ToolException.environment("unexpected listing from " + origin + ": " + e.getMessage());
    }
  }

  /**
   * A reader of the records that follow in {@code records} (no header: they come from {@code
   * from}'s listing, whose owner uid this one reports).
   */
  static EntryReader continuing(InputStream records, Reader from, Completion completion) {
    Reader reader = new Reader(records, from.followLinks, from.origin, completion);
    reader.ownerUid = from.ownerUid;
    return reader;
  }

  /** Reads entries; {@link SharedFiles} reads its records unparsed. */
  static final class Reader implements EntryReader {
    private final ByteWindow window;
    private final boolean followLinks;
    private final String origin;
    private final Completion completion;
    private final List<String> skipped = new ArrayList<>();
    private int ownerUid;
    private boolean ended;
    private boolean reachedEnd;
    private boolean closed;
    private String previous;

    Reader(InputStream in, boolean followLinks, String origin, Completion completion) {
      this.window = new ByteWindow(in, 64 * 1024);
      this.followLinks = followLinks;
      this.origin = origin;
      this.completion = completion;
    }

    void readHeader() throws IOException {
      try {
        int end = nextNul();
        if (end < 0 || !text(window.position(), end).equals("uid")) {
          throw new NumberFormatException("no uid header");
        }
        window.position(end + 1);
        end = nextNul();
        if (end < 0) {
          throw new NumberFormatException("no uid");
        }
        ownerUid = Integer.parseInt(text(window.position(), end));
        window.position(end + 1);
      } catch (NumberFormatException
          | ToolException
          | ZipException
          | EOFException e) { // no header: not our find
        throw ToolException.environment(
            "unexpected listing from " + origin + " (is GNU find installed there?)");
      }
    }

    @Override
    public Entry next() throws IOException {
      while (true) {
        int end = nextRecordEnd();
        if (end < 0) {
          return null;
        }
        Entry entry = record(window.bytes(), window.position(), end);
        window.position(end + 1);
        if (entry != null) {
          return entry;
        }
      }
    }

    /**
     * Where the next record ends (its NUL, in {@link #window}; it starts at the window's position),
     * or -1 at the end of the listing.
     */
    int nextRecordEnd() throws IOException {
      int end;
      try {
        end = nextNul();
      } catch (ZipException e) {
        throw ToolException.environment(
            "unexpected listing from " + origin + ": " + e.getMessage());
      } catch (EOFException e) { // a gzip stream cut short
        throw ToolException.environment("truncated listing from " + origin);
      }
      if (end < 0) {
        reachedEnd = true;
      }
      return end;
    }

    ByteWindow window() {
      return window;
    }

    /** One record; null for one that is left out (work in progress, or skipped). */
    private Entry record(byte[] bytes, int start, int end) {
      int separator = indexOfDoubleSlash(bytes, start, end);
      if (separator < 0) {
        throw malformed();
      }
      String path = RelativePaths.requireSafe(text(start, separator), origin);
      if (previous != null && PathOrder.compare(previous, path) >= 0) {
        throw ToolException.environment(
            "the listing from "
                + origin
                + " is not sorted (at "
                + RelativePaths.printable(path)
                + ")");
      }
      previous = path;
      int at = separator + 2;
      long[] numbers = new long[6];
      for (int field = 0; field < 6; field++) {
        int space = indexOf(bytes, (byte) ' ', at, end);
        if (space < 0) {
          throw malformed();
        }
        numbers[field] =
            field == 0
                ? (space - at == 1 ? bytes[at] : '?')
                : number(bytes, at, space, field == 3 ? 8 : 10);
        at = space + 1;
      }
      if (RelativePaths.isPartial(path)) {
        return null;
      }
      long size = numbers[1];
      long mtime = numbers[2];
      int mode = (int) numbers[3];
      int uid = (int) numbers[4];
      int gid = (int) numbers[5];
      switch ((char) numbers[0]) {
        case 'f':
          return new Entry(path, Entry.Type.FILE, size, mtime, mode, uid, gid, null);
        case 'd':
          return new Entry(path, Entry.Type.DIR, 0, mtime, mode, uid, gid, null);
        case 'l':
          if (!followLinks) {
            return new Entry(path, Entry.Type.SYMLINK, 0, mtime, mode, uid, gid, text(at, end));
          }
          skipped.add(path); // with find -L only a dangling link is still a link
          return null;
        default:
          skipped.add(path); // device, fifo, socket
          return null;
      }
    }

    private ToolException malformed() {
      return ToolException.environment(
          "unexpected listing from " + origin + " (is GNU find installed there?)");
    }

    /** The end of the next NUL-terminated field, reading more as needed; -1 at a clean end. */
    private int nextNul() throws IOException {
      int scanned = window.position();
      while (true) {
        int found = indexOf(window.bytes(), (byte) 0, scanned, window.limit());
        if (found >= 0) {
          return found;
        }
        if (ended) {
          if (window.hasUnread()) {
            throw ToolException.environment("truncated listing from " + origin);
          }
          return -1;
        }
        scanned =
            window.limit() - window.position(); // readMore moves the unread bytes to the front
        ended = !window.readMore();
      }
    }

    private String text(int start, int end) {
      return end == start
          ? ""
          : new String(window.bytes(), start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public int ownerUid() {
      return ownerUid;
    }

    @Override
    public List<String> skipped() {
      return skipped;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        completion.complete(reachedEnd);
      }
    }
  }

  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfDoubleSlash(byte[] bytes, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (bytes[i] == '/' && bytes[i + 1] == '/') {
        return i;
      }
    }
    return -1;
  }

  private static long number(byte[] bytes, int start, int end, int radix) {
    boolean negative = start < end && bytes[start] == '-';
    int i = negative ? start + 1 : start;
    if (i == end || end - i > 19) {
      throw ToolException.environment(
          "not a number in a listing: "
              + new String(bytes, start, end - start, StandardCharsets.UTF_8));
    }
    long value = 0;
    for (; i < end; i++) {
      int digit = Character.digit(bytes[i], radix);
      if (digit < 0) {
        throw ToolException.environment(
            "not a number in a listing: "
                + new String(bytes, start, end - start, StandardCharsets.UTF_8));
      }
      value = value * radix + digit;
    }
    return negative ? -value : value;
  }
}
