package io.pryv.migration.transfer.plan;

import io.pryv.migration.transfer.tree.Entry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What a transfer does: paths to remove first (extra ones with --delete, and any whose type
 * changes), files and links to send, folders whose mode and time to set last (new ones, changed
 * ones, parents of changed entries, deepest first). The lists are spooled to a temporary file, not
 * held: a plan for millions of files costs no memory. Sends come in {@code PathOrder}, each after
 * the folders it lies in (records marked as context).
 */
public final class Plan {
  private final Spool delete;
  private final Spool send;
  private final Spool dirs;
  private final Entry sourceRoot;
  private final Counts counts;

  /** What the planner counted on its way. */
  public record Counts(
      long sourceFiles,
      long sourceBytes,
      long sendFiles,
      long sendBytes,
      long sendLinks,
      long unchangedFiles) {}

  Plan(Spool delete, Spool send, Spool dirs, Entry sourceRoot, Counts counts) {
    this.delete = delete;
    this.send = send;
    this.dirs = dirs;
    this.sourceRoot = sourceRoot;
    this.counts = counts;
  }

  /** Relative paths to remove, each before what lies under it would have been (never both). */
  public Spooled<String> delete() {
    return new Spooled<>(delete.items(), delete::paths);
  }

  /** Files and links to send. */
  public Spooled<Entry> send() {
    return items(send);
  }

  /** Folders to set, deepest first. */
  public Spooled<Entry> dirs() {
    return items(dirs);
  }

  /** Every record of {@link #send}, with the folders each item lies in before it. */
  public Iterator<Spool.Record> sendRecords() {
    return send.records();
  }

  /** Every record of {@link #dirs}, with the folders each lies in before it. */
  public Iterator<Spool.Record> dirRecords() {
    return dirs.records();
  }

  /** The source folder itself. */
  public Entry sourceRoot() {
    return sourceRoot;
  }

  public Counts counts() {
    return counts;
  }

  /**
   * This plan, counting also {@code files} unchanged files of {@code bytes} that it did not see
   * (left out of both listings before planning: {@code SharedFiles}).
   */
  public Plan withUnchanged(long files, long bytes) {
    return new Plan(
        delete,
        send,
        dirs,
        sourceRoot,
        new Counts(
            counts.sourceFiles() + files,
            counts.sourceBytes() + bytes,
            counts.sendFiles(),
            counts.sendBytes(),
            counts.sendLinks(),
            counts.unchangedFiles() + files));
  }

  public long sendBytes() {
    return counts.sendBytes();
  }

  public long sendFiles() {
    return counts.sendFiles();
  }

  public long unchangedFiles() {
    return counts.unchangedFiles();
  }

  private static Spooled<Entry> items(Spool spool) {
    return new Spooled<>(
        spool.items(),
        () -> {
          Iterator<Spool.Record> records = spool.records();
          return StreamSupport.stream(((Iterable<Spool.Record>) () -> records).spliterator(), false)
              .filter(Spool.Record::item)
              .map(Spool.Record::entry)
              .iterator();
        });
  }

  /** A spooled list: iterated from the file each time, its size known without reading it. */
  public static final class Spooled<T> implements Iterable<T> {
    private final long size;
    private final Supplier<Iterator<T>> iterator;

    Spooled(long size, Supplier<Iterator<T>> iterator) {
      this.size = size;
      this.iterator = iterator;
    }

    public long size() {
      return size;
    }

    /** An empty list. */
    public static <T> Spooled<T> none() {
      return new Spooled<>(0, java.util.Collections::emptyIterator);
    }

    /** The same list with each element mapped (lazily). */
    public <R> Spooled<R> map(java.util.function.Function<T, R> mapping) {
      return new Spooled<>(size, () -> stream().map(mapping).iterator());
    }

    @Override
    public Iterator<T> iterator() {
      return iterator.get();
    }

    public Stream<T> stream() {
      return StreamSupport.stream(spliterator(), false);
    }

    /** Held in memory: only where the whole list is needed at once (a pull's request, tests). */
    public List<T> toList() {
      List<T> all = new ArrayList<>();
      forEach(all::add);
      return all;
    }
  }
}
