package io.pryv.migration.transfer.tree;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The entries of one side, sorted by path (parents before children), keyed by relative path. */
public final class Tree {
  private final Map<String, Entry> entries;
  private final int ownerUid;

  public Tree(Map<String, Entry> entries, int ownerUid) {
    this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    this.ownerUid = ownerUid;
  }

  public Entry get(String path) {
    return entries.get(path);
  }

  public boolean contains(String path) {
    return entries.containsKey(path);
  }

  public Collection<Entry> entries() {
    return entries.values();
  }

  public int size() {
    return entries.size();
  }

  /** The uid of the user who reads or writes this side (0: root, ownership is kept). */
  public int ownerUid() {
    return ownerUid;
  }

  public long fileCount() {
    return entries.values().stream().filter(Entry::isFile).count();
  }

  public long fileBytes() {
    return entries.values().stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
  }
}
