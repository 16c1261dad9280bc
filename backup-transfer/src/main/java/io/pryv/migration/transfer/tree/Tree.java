package io.pryv.migration.transfer.tree;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The entries of one side held in memory, keyed by relative path, unordered: the Java walk's result
 * where GNU find is missing ({@link EntryReader#of} sorts it in {@link PathOrder}), and tests.
 */
public final class Tree {
  private final Map<String, Entry> entries;
  private final int ownerUid;

  /** Takes {@code entries} as they are (the caller hands them over). */
  public Tree(Map<String, Entry> entries, int ownerUid) {
    this.entries = Collections.unmodifiableMap(entries);
    this.ownerUid = ownerUid;
  }

  public Entry get(String path) {
    return entries.get(path);
  }

  /** Every entry, in no particular order. */
  public Collection<Entry> entries() {
    return entries.values();
  }

  /** Every file, in no particular order. */
  public List<Entry> files() {
    return entries.values().stream().filter(Entry::isFile).toList();
  }

  public int size() {
    return entries.size();
  }

  /** The uid of the user who reads or writes this side (0: root, ownership is kept). */
  public int ownerUid() {
    return ownerUid;
  }
}
