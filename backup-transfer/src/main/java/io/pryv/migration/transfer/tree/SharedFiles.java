package io.pryv.migration.transfer.tree;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Two sorted listings without the regular files whose records both hold byte for byte (same path,
 * size, mtime, mode, owner and group: files the quick check finds unchanged whatever it compares),
 * which are only counted: a re-run after a small change then parses and plans the few entries that
 * differ instead of every entry of both sides (the parsing, and the JIT compiling it, were a good
 * part of such a run's CPU). Folders stay (the planner places what lies in them), and so do links
 * and everything else: a followed listing reports a dangling link as skipped. The records kept go,
 * in their order, to temporary files ({@link SpillFile}) read as listings again; nothing is held.
 */
public final class SharedFiles implements Closeable {
  private final EntryReader source;
  private final EntryReader dest;
  private final long files;
  private final long bytes;
  private final SpillFile[] spills;

  private SharedFiles(
      EntryReader source, EntryReader dest, long files, long bytes, SpillFile... spills) {
    this.source = source;
    this.dest = dest;
    this.files = files;
    this.bytes = bytes;
    this.spills = spills;
  }

  /**
   * Reads both listings (header already read, nothing else) to their end; each is left to be closed
   * by its owner, which checks then that it was complete. Listings that are not sorted listings
   * (trees held in memory), or a side with no entries, are handed on as they are.
   */
  public static SharedFiles leftOut(EntryReader source, EntryReader dest) throws IOException {
    if (!(source instanceof SortedListing.Reader ours)
        || !(dest instanceof SortedListing.Reader theirs)
        || ours.nextRecordEnd() < 0
        || theirs.nextRecordEnd() < 0) {
      return new SharedFiles(source, dest, 0, 0);
    }
    SpillFile ourSpill = new SpillFile();
    SpillFile theirSpill = new SpillFile();
    try {
      long[] shared = merge(ours, theirs, ourSpill.output(), theirSpill.output());
      return new SharedFiles(
          SortedListing.continuing(ourSpill.input(), ours, reachedEnd -> ourSpill.close()),
          SortedListing.continuing(theirSpill.input(), theirs, reachedEnd -> theirSpill.close()),
          shared[0],
          shared[1],
          ourSpill,
          theirSpill);
    } catch (IOException | RuntimeException e) {
      ourSpill.close();
      theirSpill.close();
      throw e;
    }
  }

  /**
   * Walks both listings in their sort order (sort -z over the records with '/' and byte 1 swapped,
   * as {@code sorted_records} sorts them), writing each record that the other side does not hold
   * byte for byte, or that is not a regular file; returns the shared files' count and bytes.
   */
  private static long[] merge(
      SortedListing.Reader ours,
      SortedListing.Reader theirs,
      OutputStream toOurs,
      OutputStream toTheirs)
      throws IOException {
    long files = 0;
    long bytes = 0;
    ByteWindow a = ours.window();
    ByteWindow b = theirs.window();
    int aEnd = ours.nextRecordEnd();
    int bEnd = theirs.nextRecordEnd();
    while (aEnd >= 0 && bEnd >= 0) {
      int order = compare(a.bytes(), a.position(), aEnd, b.bytes(), b.position(), bEnd);
      long size = order == 0 ? ListingDigest.fileSize(a.bytes(), a.position(), aEnd) : 0;
      if (order == 0 && size >= 0) {
        files++;
        bytes += size;
      }
      if (order < 0 || (order == 0 && size < 0)) {
        toOurs.write(a.bytes(), a.position(), aEnd + 1 - a.position());
      }
      if (order > 0 || (order == 0 && size < 0)) {
        toTheirs.write(b.bytes(), b.position(), bEnd + 1 - b.position());
      }
      if (order <= 0) {
        a.position(aEnd + 1);
        aEnd = ours.nextRecordEnd();
      }
      if (order >= 0) {
        b.position(bEnd + 1);
        bEnd = theirs.nextRecordEnd();
      }
    }
    for (; aEnd >= 0; aEnd = ours.nextRecordEnd()) {
      toOurs.write(a.bytes(), a.position(), aEnd + 1 - a.position());
      a.position(aEnd + 1);
    }
    for (; bEnd >= 0; bEnd = theirs.nextRecordEnd()) {
      toTheirs.write(b.bytes(), b.position(), bEnd + 1 - b.position());
      b.position(bEnd + 1);
    }
    return new long[] {files, bytes};
  }

  /** sort's C order of two records with '/' and byte 1 swapped (a prefix first). */
  static int compare(byte[] x, int xFrom, int xTo, byte[] y, int yFrom, int yTo) {
    int length = Math.min(xTo - xFrom, yTo - yFrom);
    int at = Arrays.mismatch(x, xFrom, xFrom + length, y, yFrom, yFrom + length);
    if (at < 0) {
      return Integer.compare(xTo - xFrom, yTo - yFrom);
    }
    return Integer.compare(key(x[xFrom + at]), key(y[yFrom + at]));
  }

  private static int key(byte value) {
    int unsigned = value & 0xff;
    return unsigned == '/' ? 1 : unsigned == 1 ? '/' : unsigned;
  }

  /** The source's entries that are left, in PathOrder. */
  public EntryReader source() {
    return source;
  }

  /** The destination's entries that are left, in PathOrder. */
  public EntryReader dest() {
    return dest;
  }

  /** Regular files both sides hold with the same record: unchanged, left out of the readers. */
  public long files() {
    return files;
  }

  /** Their bytes. */
  public long bytes() {
    return bytes;
  }

  /** Removes the temporary files (the listings read are their owners' to close). */
  @Override
  public void close() {
    for (SpillFile spill : spills) {
      spill.close();
    }
  }
}
