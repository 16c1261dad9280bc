package io.pryv.migration.transfer.side;

import io.pryv.migration.transfer.tree.Entry;
import java.io.IOException;
import java.util.Iterator;

/**
 * The checksums of a list of files hashed by two processes at once, each taking about half of the
 * bytes: a file goes to the half that has fewer bytes so far, in the list's order. That rule is
 * replayed wherever the split is needed (each process's list, and here, to know which half answers
 * for a path), so nothing records it; the paths must be asked for in the list's order, the way a
 * pull meets them.
 */
final class TwoWayHashes implements FileChecksums {
  private final Iterator<Entry> order;
  private final FileChecksums[] halves;
  private final Split split = new Split();

  TwoWayHashes(Iterable<Entry> files, FileChecksums first, FileChecksums second) {
    this.order = files.iterator();
    this.halves = new FileChecksums[] {first, second};
  }

  /** Which half takes each file, in the list's order. */
  static final class Split {
    private final long[] bytes = new long[2];

    int next(Entry file) {
      int half = bytes[0] <= bytes[1] ? 0 : 1;
      bytes[half] += file.size();
      return half;
    }
  }

  @Override
  public String checksumOf(String path) throws IOException {
    while (order.hasNext()) {
      Entry file = order.next();
      int half = split.next(file);
      if (file.path().equals(path)) {
        return halves[half].checksumOf(path);
      }
    }
    return null;
  }

  @Override
  public void finish() throws IOException {
    halves[0].finish();
    halves[1].finish();
  }

  @Override
  public void close() throws IOException {
    try {
      halves[0].close();
    } finally {
      halves[1].close();
    }
  }
}
