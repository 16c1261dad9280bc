package io.pryv.migration.verify.check;

import io.pryv.migration.verify.snapshot.Item;

/**
 * What identifies an item across both sides: its kind and id (no concatenation, the strings cache
 * their hashes). Comparable, so that ids with equal hashes (frequent among structured ids) stay
 * O(log n) in a {@code HashMap}.
 */
record ItemKey(String kind, String id) implements Comparable<ItemKey> {

  static ItemKey of(Item item) {
    return new ItemKey(item.kind(), item.id());
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + id.hashCode();
  }

  @Override
  public int compareTo(ItemKey other) {
    int byKind = kind.compareTo(other.kind);
    return byKind != 0 ? byKind : id.compareTo(other.id);
  }
}
