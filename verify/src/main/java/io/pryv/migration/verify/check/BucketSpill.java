package io.pryv.migration.verify.check;

import io.pryv.migration.verify.snapshot.Item;
import io.pryv.migration.verify.snapshot.ItemSink;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Items spread over bucket files by a hash of their key, so that one bucket of each side fits in
 * memory whatever the account size: the comparison then joins bucket by bucket.
 */
final class BucketSpill implements ItemSink, AutoCloseable {
  static final int BUCKETS = 64;
  private static final int BUFFER = 1 << 14;

  private final List<Path> files = new ArrayList<>(BUCKETS);
  private final List<DataOutputStream> writers = new ArrayList<>(BUCKETS);
  private final long[] counts = new long[BUCKETS];
  private long count;

  BucketSpill(Path directory, String side) throws IOException {
    for (int i = 0; i < BUCKETS; i++) {
      Path file = directory.resolve(side + "-" + i + ".bin");
      files.add(file);
      writers.add(
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER)));
    }
  }

  /**
   * The top bits of a Fibonacci hash: the low bits of {@link String#hashCode} stay free to spread
   * the keys of one bucket in the comparison's hash map (bucketing by the low bits made a bucket's
   * keys collide there).
   */
  static int bucketOf(ItemKey key) {
    return (key.hashCode() * 0x9E3779B9)
        >>> (Integer.SIZE - Integer.numberOfTrailingZeros(BUCKETS));
  }

  @Override
  public void accept(Item item) {
    int bucket = bucketOf(ItemKey.of(item));
    try {
      ItemRecords.write(writers.get(bucket), item);
      counts[bucket]++;
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long count() {
    return count;
  }

  /** Ends writing. */
  void finish() throws IOException {
    for (DataOutputStream writer : writers) {
      writer.close();
    }
    writers.clear();
  }

  void readBucket(int bucket, Consumer<Item> consumer) throws IOException {
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(Files.newInputStream(files.get(bucket)), BUFFER))) {
      for (long i = 0; i < counts[bucket]; i++) {
        consumer.accept(ItemRecords.read(in));
      }
    }
  }

  @Override
  public void close() throws IOException {
    finish();
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
  }
}
