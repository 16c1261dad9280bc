package io.pryv.migration.transfer.engine;

import io.pryv.migration.transfer.tree.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the list to send into batches of about {@link #MAX_BYTES} or {@link #MAX_ITEMS}; a batch is committed as
 * a whole, so an interrupted run loses at most the batch in flight. A large file is a batch of its own.
 */
final class Batches {
  static final long MAX_BYTES = 128L * 1024 * 1024;
  static final int MAX_ITEMS = 4096;

  private Batches() {}

  static List<List<Entry>> of(List<Entry> send) {
    List<List<Entry>> batches = new ArrayList<>();
    List<Entry> current = new ArrayList<>();
    long bytes = 0;
    for (Entry item : send) {
      if (!current.isEmpty() && (bytes + item.size() > MAX_BYTES || current.size() >= MAX_ITEMS)) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(item);
      bytes += item.size();
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
