package io.pryv.migration.transfer.plan;

import io.pryv.migration.transfer.tree.Entry;
import java.util.List;

/**
 * What a transfer does: paths to remove first (extra ones with --delete, and any whose type changes), files and
 * links to send, folders whose mode and time to set last (new ones, changed ones, parents of changed entries).
 */
public record Plan(List<String> delete, List<Entry> send, List<Entry> dirs, long unchangedFiles) {

  public long sendBytes() {
    return send.stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
  }

  public long sendFiles() {
    return send.stream().filter(Entry::isFile).count();
  }

  public boolean isEmpty() {
    return delete.isEmpty() && send.isEmpty() && dirs.isEmpty();
  }
}
