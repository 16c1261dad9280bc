package io.pryv.migration.verify.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.verify.integrity.PryvJson;
import io.pryv.migration.verify.snapshot.Item;
import io.pryv.migration.verify.snapshot.ItemSink;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Items spread over bucket files by a hash of their key, so that one bucket of each side fits in memory whatever
 * the account size: the comparison then joins bucket by bucket.
 */
final class BucketSpill implements ItemSink, AutoCloseable {
  static final int BUCKETS = 64;

  private final ObjectMapper mapper = PryvJson.mapper();
  private final List<Path> files = new ArrayList<>(BUCKETS);
  private final List<BufferedWriter> writers = new ArrayList<>(BUCKETS);
  private long count;

  BucketSpill(Path directory, String side) throws IOException {
    for (int i = 0; i < BUCKETS; i++) {
      Path file = directory.resolve(side + "-" + i + ".jsonl");
      files.add(file);
      writers.add(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }
  }

  static int bucketOf(String key) {
    return Math.floorMod(key.hashCode() * 0x9E3779B9, BUCKETS);
  }

  @Override
  public void accept(Item item) {
    try {
      BufferedWriter writer = writers.get(bucketOf(item.key()));
      writer.write(mapper.writeValueAsString(item));
      writer.write('\n');
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
    for (BufferedWriter writer : writers) {
      writer.close();
    }
    writers.clear();
  }

  void readBucket(int bucket, Consumer<Item> consumer) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(files.get(bucket), StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        consumer.accept(mapper.readValue(line, Item.class));
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
