package io.pryv.migration.verify.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pryv.migration.verify.snapshot.Item;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketSpillTest {
  @TempDir Path directory;

  @Test
  void everyItemComesBackWithEveryFieldAndNullsKept() throws Exception {
    List<Item> items = new ArrayList<>();
    items.add(
        new Item(
            "event",
            "ckabc",
            Item.TRASHED,
            "EVENT:0:sha256-x",
            "EVENT:0:sha256-y",
            false,
            null,
            "note/txt",
            List.of("diary", "été ✓")));
    items.add(
        new Item("event", "ckdel", Item.DELETED, "EVENT:0:sha256-z", null, null, null, null, null));
    items.add(
        new Item(
            "attachment",
            "ckabc/file1",
            Item.ACTIVE,
            null,
            "sha256-a",
            true,
            12345678901L,
            "scan.pdf; not downloadable: HTTP 404 unknown-resource",
            List.of()));
    items.add(
        new Item("series", "ckser", Item.ACTIVE, "sha256-p", null, null, 0L, "", List.of("s")));
    for (int i = 0; i < 1000; i++) {
      items.add(
          new Item(
              "stream",
              "stream" + i,
              Item.ACTIVE,
              "sha256-" + i,
              null,
              null,
              null,
              "name " + i,
              null));
    }
    List<Item> read = new ArrayList<>();
    try (BucketSpill spill = new BucketSpill(directory, "t")) {
      items.forEach(spill::accept);
      spill.finish();
      assertEquals(items.size(), spill.count());
      for (int bucket = 0; bucket < BucketSpill.BUCKETS; bucket++) {
        int b = bucket;
        spill.readBucket(
            bucket,
            item -> {
              assertEquals(b, BucketSpill.bucketOf(ItemKey.of(item)));
              read.add(item);
            });
      }
    }
    assertEquals(items.size(), read.size());
    assertEquals(new java.util.HashSet<>(items), new java.util.HashSet<>(read));
  }
}
