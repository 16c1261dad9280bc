package io.pryv.migration.transfer.tree;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * A side's entries in {@link PathOrder}, read one at a time (a listing is never held whole). {@link
 * #close} also tells whether the listing was complete: a listing process that failed is thrown
 * there, before anything is done with what was read.
 */
public interface EntryReader extends Closeable {

  /** The next entry, or null at the end. */
  Entry next() throws IOException;

  /** The uid of the user who reads or writes this side (0: root, ownership is kept). */
  int ownerUid();

  /**
   * Paths left out: links with --copy-links whose target is missing or loops, devices, fifos,
   * sockets.
   */
  List<String> skipped();

  /** Entries held in memory (a tree listed without GNU find, tests), sorted here. */
  static EntryReader of(Tree tree, List<String> skipped) {
    Iterator<Entry> sorted = tree.entries().stream().sorted(PathOrder.ENTRIES).iterator();
    return new EntryReader() {
      @Override
      public Entry next() {
        return sorted.hasNext() ? sorted.next() : null;
      }

      @Override
      public int ownerUid() {
        return tree.ownerUid();
      }

      @Override
      public List<String> skipped() {
        return skipped;
      }

      @Override
      public void close() {}
    };
  }
}
