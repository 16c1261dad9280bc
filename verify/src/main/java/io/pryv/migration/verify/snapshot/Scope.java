package io.pryv.migration.verify.snapshot;

import java.util.List;
import java.util.Set;

/**
 * What part of an account is fingerprinted: everything (snapshots), or the marker stream trees of a
 * seed run (events are then asked for with {@code streams[]}, which includes child streams) and the
 * events the seed created. Event deletions carry no streams and the API returns every deletion of
 * the account whatever {@code streams[]} says, so a seed's deletions are told apart by their ids.
 */
public record Scope(List<String> rootStreams, Set<String> streamIds, Set<String> eventIds) {

  public Scope {
    rootStreams = List.copyOf(rootStreams);
    streamIds = Set.copyOf(streamIds);
    eventIds = Set.copyOf(eventIds);
  }

  public static Scope wholeAccount() {
    return new Scope(List.of(), Set.of(), Set.of());
  }

  public boolean whole() {
    return rootStreams.isEmpty();
  }

  /** Whether a found item belongs to the scope. */
  public boolean covers(Item item) {
    if (whole()) {
      return true;
    }
    if (item.kind().equals("stream")) {
      return streamIds.contains(item.id());
    }
    if (item.kind().equals("event") && eventIds.contains(item.id())) {
      return true;
    }
    return item.streamIds() != null && item.streamIds().stream().anyMatch(streamIds::contains);
  }
}
