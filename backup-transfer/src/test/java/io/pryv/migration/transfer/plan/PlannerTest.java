package io.pryv.migration.transfer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.Tree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Planner.Settings QUICK = new Planner.Settings(false, false, null, null);

  private static Entry dir(String path) {
    return new Entry(path, Entry.Type.DIR, 0, 100, 0755, 0, 0, null);
  }

  private static Entry file(String path, long size, long mtime) {
    return new Entry(path, Entry.Type.FILE, size, mtime, 0644, 0, 0, null);
  }

  private static Tree tree(Entry... entries) {
    Map<String, Entry> map = new HashMap<>();
    for (Entry entry : entries) {
      map.put(entry.path(), entry);
    }
    return new Tree(map, 0);
  }

  @Test
  void quickCheckSkipsSameSizeAndMtime() {
    Tree source = tree(dir(""), dir("d"), file("d/a", 10, 5), file("d/b", 10, 5), file("c", 3, 5));
    Tree dest = tree(dir(""), dir("d"), file("d/a", 10, 5), file("d/b", 10, 6), file("c", 4, 5));
    Plan plan = Planner.plan(source, dest, QUICK);
    assertEquals(List.of("c", "d/b"), plan.send().stream().map(Entry::path).toList());
    assertEquals(1, plan.unchangedFiles());
    assertEquals(List.of("", "d"), plan.dirs().stream().map(Entry::path).toList());
  }

  @Test
  void checksumCatchesSameSizeAndMtime() {
    Tree source = tree(dir(""), file("a", 10, 5));
    Tree dest = tree(dir(""), file("a", 10, 5));
    assertEquals(0, Planner.plan(source, dest, QUICK).send().size());
    Planner.Settings checksum = new Planner.Settings(false, false, Map.of("a", "11"), Map.of("a", "22"));
    assertEquals(1, Planner.plan(source, dest, checksum).send().size());
  }

  @Test
  void deleteOnlyWhenAskedAndOnlyTopMost() {
    Tree source = tree(dir(""), file("keep", 1, 1));
    Tree dest = tree(dir(""), file("keep", 1, 1), dir("gone"), file("gone/x", 1, 1), file("old", 1, 1));
    assertEquals(List.of(), Planner.plan(source, dest, QUICK).delete());
    Plan plan = Planner.plan(source, dest, new Planner.Settings(true, false, null, null));
    assertEquals(List.of("gone", "old"), plan.delete());
  }

  @Test
  void typeChangeRemovesTheOldEntryFirst() {
    Tree source = tree(dir(""), file("x", 1, 1));
    Tree dest = tree(dir(""), dir("x"), file("x/inner", 1, 1));
    Plan plan = Planner.plan(source, dest, QUICK);
    assertEquals(List.of("x"), plan.delete());
    assertEquals(List.of("x"), plan.send().stream().map(Entry::path).toList());
  }

  @Test
  void ownerCountsOnlyWhenKept() {
    Tree source = tree(dir(""), new Entry("a", Entry.Type.FILE, 1, 1, 0644, 9999, 9999, null));
    Tree dest = tree(dir(""), file("a", 1, 1));
    assertEquals(0, Planner.plan(source, dest, QUICK).send().size());
    assertEquals(1, Planner.plan(source, dest, new Planner.Settings(false, true, null, null)).send().size());
  }
}
