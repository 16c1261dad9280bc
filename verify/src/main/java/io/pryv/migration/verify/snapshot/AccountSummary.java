package io.pryv.migration.verify.snapshot;

import java.util.Map;
import java.util.TreeMap;

/**
 * What fingerprinting one account saw: items per kind, whether accesses were readable, integrity
 * failures.
 */
public final class AccountSummary {
  private final Map<String, Long> counts = new TreeMap<>();
  private boolean accessesReadable = true;
  private long integrityFailures;
  private final java.util.List<String> unsettled = new java.util.ArrayList<>();

  public synchronized void count(Item item) {
    counts.merge(item.kind(), 1L, Long::sum);
    if (Boolean.FALSE.equals(item.intact())) {
      integrityFailures++;
    }
  }

  public Map<String, Long> counts() {
    return counts;
  }

  public boolean accessesReadable() {
    return accessesReadable;
  }

  public void accessesReadable(boolean readable) {
    this.accessesReadable = readable;
  }

  public long integrityFailures() {
    return integrityFailures;
  }

  /** Series events recorded before the core rewrote them (the record may go stale). */
  public synchronized java.util.List<String> unsettled() {
    return java.util.List.copyOf(unsettled);
  }

  synchronized void unsettled(String eventId) {
    unsettled.add(eventId);
  }
}
