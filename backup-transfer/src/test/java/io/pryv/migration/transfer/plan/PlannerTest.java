package io.pryv.migration.transfer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.Tree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Planner.Settings QUICK = new Planner.Settings(false, false, null);

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
  void quickCheckSkipsSameSizeAndMtime() throws Exception {
    Tree source = tree(dir(""), dir("d"), file("d/a", 10, 5), file("d/b", 10, 5), file("c", 3, 5));
    Tree dest = tree(dir(""), dir("d"), file("d/a", 10, 5), file("d/b", 10, 6), file("c", 4, 5));
    Plan plan = TreePlans.plan(source, dest, QUICK);
    assertEquals(List.of("c", "d/b"), plan.send().stream().map(Entry::path).toList());
    assertEquals(1, plan.unchangedFiles());
    assertEquals(List.of("d", ""), plan.dirs().stream().map(Entry::path).toList(), "deepest first");
    assertEquals(2, plan.sendFiles());
    assertEquals(13, plan.sendBytes());
    assertEquals(3, plan.counts().sourceFiles());
  }

  @Test
  void aFolderComesRightBeforeItsSubtreeAndEachSendAfterItsFolders() throws Exception {
    Tree source =
        tree(
            dir(""),
            dir("a"),
            file("a/b", 1, 1),
            dir("a.c"),
            file("a.c/x", 1, 1),
            file("a-", 1, 1),
            dir("a/deep"),
            dir("a/deep/er"),
            file("a/deep/er/f", 1, 1));
    Plan plan = TreePlans.plan(source, tree(dir("")), QUICK);
    assertEquals(
        List.of("a/b", "a/deep/er/f", "a-", "a.c/x"),
        plan.send().stream().map(Entry::path).toList());
    List<String> records = new ArrayList<>();
    plan.sendRecords()
        .forEachRemaining(r -> records.add((r.item() ? "" : "in ") + r.entry().path()));
    assertEquals(
        List.of(
            "in ",
            "in a",
            "a/b",
            "in a/deep",
            "in a/deep/er",
            "a/deep/er/f",
            "a-",
            "in a.c",
            "a.c/x"),
        records);
    assertEquals(
        List.of("a/deep/er", "a/deep", "a", "a.c", ""),
        plan.dirs().stream().map(Entry::path).toList());
  }

  @Test
  void aRemovedFolderTakesItsSubtreeAndTouchesOnlyItsParent() throws Exception {
    Tree source =
        tree(dir(""), dir("keep"), file("keep/f", 1, 1), dir("keep/sub"), file("zz", 1, 1));
    Tree dest =
        tree(
            dir(""),
            dir("keep"),
            file("keep/f", 1, 1),
            dir("keep/sub"),
            dir("keep/sub/gone"),
            file("keep/sub/gone/1", 1, 1),
            dir("keep/sub/gone/2"),
            file("keep/sub/gone.txt", 1, 1),
            file("zz", 1, 1),
            dir("zzz"),
            file("zzz/x", 1, 1));
    Plan plan = TreePlans.plan(source, dest, new Planner.Settings(true, false, null));
    assertEquals(List.of("keep/sub/gone", "keep/sub/gone.txt", "zzz"), plan.delete().toList());
    assertEquals(List.of("keep/sub", ""), plan.dirs().stream().map(Entry::path).toList());
    assertEquals(0, plan.send().size());
    assertEquals(2, plan.unchangedFiles());
  }

  @Test
  void checksumsAreAskedForInPathOrderAndOnlyWhenTheMetadataMatches() throws Exception {
    Tree source =
        tree(
            dir(""),
            file("b", 1, 1),
            dir("a"),
            file("a/x", 1, 1),
            file("a.c", 1, 1),
            file("size", 1, 1));
    Tree dest =
        tree(
            dir(""),
            file("b", 1, 1),
            dir("a"),
            file("a/x", 1, 1),
            file("a.c", 1, 1),
            file("size", 2, 1));
    List<String> asked = new ArrayList<>();
    Planner.Checksums recording =
        new Planner.Checksums() {
          @Override
          public String source(String path) {
            asked.add(path);
            return "same";
          }

          @Override
          public String dest(String path) {
            return "same";
          }
        };
    Plan plan = TreePlans.plan(source, dest, new Planner.Settings(false, false, recording));
    assertEquals(List.of("a/x", "a.c", "b"), asked);
    assertEquals(List.of("size"), plan.send().stream().map(Entry::path).toList());
  }

  private static Planner.Checksums sums(Map<String, String> source, Map<String, String> dest) {
    return new Planner.Checksums() {
      @Override
      public String source(String path) {
        return source.get(path);
      }

      @Override
      public String dest(String path) {
        return dest.get(path);
      }
    };
  }

  @Test
  void checksumCatchesSameSizeAndMtime() throws Exception {
    Tree source = tree(dir(""), file("a", 10, 5));
    Tree dest = tree(dir(""), file("a", 10, 5));
    assertEquals(0, TreePlans.plan(source, dest, QUICK).send().size());
    assertEquals(
        1,
        TreePlans.plan(
                source,
                dest,
                new Planner.Settings(false, false, sums(Map.of("a", "11"), Map.of("a", "22"))))
            .send()
            .size());
    assertEquals(
        0,
        TreePlans.plan(
                source,
                dest,
                new Planner.Settings(false, false, sums(Map.of("a", "11"), Map.of("a", "11"))))
            .send()
            .size());
  }

  @Test
  void deleteOnlyWhenAskedAndOnlyTopMost() throws Exception {
    Tree source = tree(dir(""), file("keep", 1, 1));
    Tree dest =
        tree(dir(""), file("keep", 1, 1), dir("gone"), file("gone/x", 1, 1), file("old", 1, 1));
    assertEquals(List.of(), TreePlans.plan(source, dest, QUICK).delete().toList());
    Plan plan = TreePlans.plan(source, dest, new Planner.Settings(true, false, null));
    assertEquals(List.of("gone", "old"), plan.delete().toList());
    assertEquals(
        List.of(""),
        plan.dirs().stream().map(Entry::path).toList(),
        "the root had entries removed");
  }

  @Test
  void typeChangeRemovesTheOldEntryFirst() throws Exception {
    Tree source = tree(dir(""), file("x", 1, 1));
    Tree dest = tree(dir(""), dir("x"), file("x/inner", 1, 1));
    Plan plan = TreePlans.plan(source, dest, QUICK);
    assertEquals(List.of("x"), plan.delete().toList());
    assertEquals(List.of("x"), plan.send().stream().map(Entry::path).toList());
  }

  @Test
  void ownerCountsOnlyWhenKept() throws Exception {
    Tree source = tree(dir(""), new Entry("a", Entry.Type.FILE, 1, 1, 0644, 9999, 9999, null));
    Tree dest = tree(dir(""), file("a", 1, 1));
    assertEquals(0, TreePlans.plan(source, dest, QUICK).send().size());
    assertEquals(
        1, TreePlans.plan(source, dest, new Planner.Settings(false, true, null)).send().size());
  }
}
