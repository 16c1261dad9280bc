package io.pryv.migration.verify.snapshot;

import java.util.List;
import java.util.Set;

/**
 * What part of an account is fingerprinted: everything (snapshots), or the marker stream trees of a seed run
 * (events are then asked for with {@code streams[]}, which includes child streams).
 */
public record Scope(List<String> rootStreams, Set<String> streamIds) {

  public static Scope wholeAccount() {
    return new Scope(List.of(), Set.of());
  }

  public boolean whole() {
    return rootStreams.isEmpty();
  }

  /** Whether a found item belongs to the scope (items without streams, like deletions, never do in a seed). */
  public boolean covers(Item item) {
    if (whole()) {
      return true;
    }
    if (item.kind().equals("stream")) {
      return streamIds.contains(item.id());
    }
    return item.streamIds() != null && item.streamIds().stream().anyMatch(streamIds::contains);
  }
}
