package io.pryv.migration.transfer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pryv.migration.transfer.plan.Plan;
import io.pryv.migration.transfer.plan.Planner;
import io.pryv.migration.transfer.plan.TreePlans;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.Tree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batches cut from a spooled plan: limits, and the chain of folders each batch starts with. */
class BatchCutterTest {

  @Test
  void eachBatchStartsWithTheFoldersItsItemsLieIn() throws Exception {
    Map<String, Entry> source = new HashMap<>();
    put(source, new Entry("", Entry.Type.DIR, 0, 1, 0755, 0, 0, null));
    put(source, new Entry("d", Entry.Type.DIR, 0, 1, 0700, 0, 0, null));
    put(source, new Entry("d/e", Entry.Type.DIR, 0, 1, 0750, 0, 0, null));
    int files = BatchCutter.MAX_ITEMS + 10;
    for (int i = 0; i < files; i++) {
      put(
          source,
          new Entry(String.format("d/e/f%05d", i), Entry.Type.FILE, 1, 1, 0644, 0, 0, null));
    }
    put(source, new Entry("d/big", Entry.Type.FILE, BatchCutter.MAX_BYTES, 1, 0644, 0, 0, null));
    put(source, new Entry("z", Entry.Type.FILE, 1, 1, 0644, 0, 0, null));
    Plan plan =
        TreePlans.plan(
            new Tree(source, 0),
            new Tree(Map.of("", source.get("")), 0),
            new Planner.Settings(false, false, null));

    BatchCutter cutter = new BatchCutter(plan.sendRecords(), false);
    BatchCutter.Batch first = cutter.next();
    assertEquals(
        List.of("", "d"), paths(first.dirs()), "the big file first (d/big sorts before d/e)");
    assertEquals(List.of("d/big"), paths(first.items()));
    BatchCutter.Batch second = cutter.next();
    assertEquals(List.of("", "d", "d/e"), paths(second.dirs()));
    assertEquals(BatchCutter.MAX_ITEMS, second.items().size());
    BatchCutter.Batch third = cutter.next();
    assertEquals(
        List.of("", "d", "d/e"),
        paths(third.dirs()),
        "the open chain again, with the source's modes");
    assertEquals(0750, third.dirs().get(2).mode());
    assertEquals(11, third.items().size(), "10 files of d/e, then z");
    assertEquals("z", third.items().get(10).path());
    assertNull(cutter.next());

    BatchCutter stamps = new BatchCutter(plan.dirRecords(), true);
    BatchCutter.Batch only = stamps.next();
    assertEquals(
        List.of("", "d", "d/e", "d", ""), paths(only.dirs()), "context, then deepest first");
    assertNull(stamps.next());
  }

  @Test
  void aBatchStartsOnlyWithTheFoldersItsFirstItemLiesIn() throws Exception {
    Map<String, Entry> source = new HashMap<>();
    put(source, new Entry("", Entry.Type.DIR, 0, 1, 0755, 0, 0, null));
    put(source, new Entry("a", Entry.Type.DIR, 0, 1, 0755, 0, 0, null));
    put(source, new Entry("a/d", Entry.Type.DIR, 0, 1, 0755, 0, 0, null));
    put(source, new Entry("a/d/big", Entry.Type.FILE, BatchCutter.MAX_BYTES, 1, 0644, 0, 0, null));
    put(source, new Entry("a.c", Entry.Type.FILE, 1, 1, 0644, 0, 0, null));
    Plan plan =
        TreePlans.plan(
            new Tree(source, 0),
            new Tree(Map.of("", source.get("")), 0),
            new Planner.Settings(false, false, null));

    BatchCutter cutter = new BatchCutter(plan.sendRecords(), false);
    assertEquals(List.of("", "a", "a/d"), paths(cutter.next().dirs()));
    BatchCutter.Batch second = cutter.next();
    assertEquals(
        List.of(""), paths(second.dirs()), "a/d and a are done: not part of the batch of a.c");
    assertEquals(List.of("a.c"), paths(second.items()));
  }

  private static void put(Map<String, Entry> tree, Entry entry) {
    tree.put(entry.path(), entry);
  }

  private static List<String> paths(List<Entry> entries) {
    return entries.stream().map(Entry::path).toList();
  }
}
