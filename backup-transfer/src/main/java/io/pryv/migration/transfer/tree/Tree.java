package io.pryv.migration.transfer.tree;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The entries of one side, keyed by relative path. Unordered: sorting 20,000 paths cost a freshly started JVM
 * more than the rest of an unchanged re-run's comparison, so whoever needs an order sorts what it keeps
 * ({@link #BY_PATH}).
 */
public final class Tree {
  /** Parents before children (a path sorts after every prefix of it). */
  public static final Comparator<Entry> BY_PATH = Comparator.comparing(Entry::path);

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

  public boolean contains(String path) {
    return entries.containsKey(path);
  }

  /** Every entry, in no particular order. */
  public Collection<Entry> entries() {
    return entries.values();
  }

  /** Every file, in no particular order. */
  public List<Entry> files() {
    return entries.values().stream().filter(Entry::isFile).toList();
  }

  /** Every file, sorted by path. */
  public List<Entry> sortedFiles() {
    return entries.values().stream().filter(Entry::isFile).sorted(BY_PATH).toList();
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
}
