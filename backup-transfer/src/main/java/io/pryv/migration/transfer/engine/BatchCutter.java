package io.pryv.migration.transfer.engine;

import io.pryv.migration.transfer.plan.Spool;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.PathOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Cuts a plan's spooled records into push batches of about {@link #MAX_BYTES} or {@link #MAX_ITEMS}
 * (a batch is committed as a whole, so an interrupted run loses at most the batch in flight; a
 * large file is a batch of its own). Each batch starts with the chain of folders its first item
 * lies in, and carries every folder record met on the way, so that the far side recreates each path
 * with the source's modes; only that chain is held between batches.
 */
final class BatchCutter {
  static final long MAX_BYTES = 128L * 1024 * 1024;
  static final int MAX_ITEMS = 4096;

  /**
   * One batch: folders (parents first, the chain of open folders at its start included), then
   * items.
   */
  record Batch(List<Entry> dirs, List<Entry> items) {}

  private final Iterator<Spool.Record> records;
  private final boolean foldersOnly;
  private final List<Entry> chain = new ArrayList<>();
  private Spool.Record pending;

  /**
   * @param foldersOnly true for the records of folders to set: every record then goes to the
   *     batch's folders, and a batch ends at {@link #MAX_ITEMS} folders
   */
  BatchCutter(Iterator<Spool.Record> records, boolean foldersOnly) {
    this.records = records;
    this.foldersOnly = foldersOnly;
  }

  /** The next batch, or null when every record was handed out. */
  Batch next() {
    if (pending == null && !records.hasNext()) {
      return null;
    }
    if (pending != null) {
      leaveFoldersNotHolding(
          pending.entry().path()); // only the folders the first item lies in start the batch
    }
    List<Entry> dirs = new ArrayList<>(chain);
    List<Entry> items = new ArrayList<>();
    long bytes = 0;
    int count = 0;
    while (pending != null || records.hasNext()) {
      Spool.Record record = pending != null ? pending : records.next();
      pending = null;
      Entry entry = record.entry();
      boolean folder = foldersOnly || !record.item();
      boolean full = count >= MAX_ITEMS || bytes >= MAX_BYTES;
      if (count > 0 && (full || record.item() && bytes + entry.size() > MAX_BYTES)) {
        pending = record;
        break;
      }
      leaveFoldersNotHolding(entry.path());
      if (folder) {
        chain.add(entry);
        dirs.add(entry);
      } else {
        items.add(entry);
      }
      if (record.item()) {
        count++;
        bytes += entry.size();
      }
    }
    return new Batch(dirs, items);
  }

  private void leaveFoldersNotHolding(String path) {
    while (!chain.isEmpty() && !PathOrder.isUnder(path, chain.get(chain.size() - 1).path())) {
      chain.remove(chain.size() - 1);
    }
  }
}
