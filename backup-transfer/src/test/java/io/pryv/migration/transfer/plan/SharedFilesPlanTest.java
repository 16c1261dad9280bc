package io.pryv.migration.transfer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.transfer.side.LocalSide;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan made from two real listings (the side scripts' find and sort) without their shared files
 * is the plan made from the whole listings: same removals, sends, folders and counts.
 */
class SharedFilesPlanTest {
  @TempDir Path temp;

  @Test
  void leavingOutSharedFilesChangesNoPlan() throws Exception {
    for (int seed = 1; seed <= 6; seed++) {
      Random random = new Random(seed);
      Path source = Files.createDirectories(temp.resolve("source-" + seed));
      Path dest = Files.createDirectories(temp.resolve("dest-" + seed));
      List<String> names = List.of("a", "a-b", "a.c", "b", "é", "x y");
      fill(source, dest, names, random, 0);
      for (boolean delete : new boolean[] {false, true}) {
        Planner.Settings settings = new Planner.Settings(delete, random.nextBoolean(), null);
        Plan whole;
        try (EntryReader ours = new LocalSide(source).listSorted(false);
            EntryReader theirs = new LocalSide(dest).prepareDestination(true)) {
          whole = Planner.plan(ours, theirs, settings);
        }
        Plan left;
        long sharedFiles;
        try (EntryReader ours = new LocalSide(source).listSorted(false);
            EntryReader theirs = new LocalSide(dest).prepareDestination(true);
            SharedFiles shared = SharedFiles.leftOut(ours, theirs)) {
          sharedFiles = shared.files();
          left =
              Planner.plan(shared.source(), shared.dest(), settings)
                  .withUnchanged(shared.files(), shared.bytes());
        }
        String what = "seed " + seed + ", delete " + delete;
        assertTrue(sharedFiles > 0, what + ": some files are shared");
        assertEquals(whole.counts(), left.counts(), what);
        assertEquals(paths(whole.send()), paths(left.send()), what);
        assertEquals(paths(whole.dirs()), paths(left.dirs()), what);
        assertEquals(whole.delete().stream().toList(), left.delete().stream().toList(), what);
        List<String> records = new ArrayList<>();
        whole.sendRecords().forEachRemaining(r -> records.add(r.item() + " " + r.entry().path()));
        List<String> leftRecords = new ArrayList<>();
        left.sendRecords()
            .forEachRemaining(r -> leftRecords.add(r.item() + " " + r.entry().path()));
        assertEquals(records, leftRecords, what);
      }
    }
  }

  private static List<String> paths(Plan.Spooled<Entry> entries) {
    return entries.stream().map(Entry::path).toList();
  }

  /**
   * The same random tree on both sides, then differences: files changed in size, mtime or mode,
   * files only on one side, a folder on one side where the other has a file, links.
   */
  private static void fill(Path source, Path dest, List<String> names, Random random, int depth)
      throws IOException {
    for (String name : names) {
      int kind = random.nextInt(depth < 2 ? 4 : 3);
      Path here = source.resolve(name);
      Path there = dest.resolve(name);
      if (kind == 3) {
        Files.createDirectories(here);
        Files.createDirectories(there);
        fill(
            here, there, names.subList(0, 2 + random.nextInt(names.size() - 1)), random, depth + 1);
        continue;
      }
      if (kind == 2 && random.nextInt(4) == 0) {
        Files.createSymbolicLink(here, Path.of("target-" + random.nextInt(2)));
        Files.createSymbolicLink(there, Path.of("target-" + random.nextInt(2)));
        continue;
      }
      byte[] bytes = new byte[random.nextInt(20)];
      Files.write(here, bytes);
      Files.write(there, bytes);
      FileTime time = FileTime.fromMillis(1_700_000_000_000L + random.nextInt(3) * 1000L);
      Files.setLastModifiedTime(here, time);
      Files.setLastModifiedTime(there, time);
      switch (random.nextInt(12)) {
        case 0 -> Files.setLastModifiedTime(there, FileTime.fromMillis(1_600_000_000_000L));
        case 1 -> Files.write(there, new byte[bytes.length + 1]);
        case 2 ->
            Files.setPosixFilePermissions(there, PosixFilePermissions.fromString("rw-------"));
        case 3 -> Files.delete(there);
        case 4 -> {
          Files.delete(there);
          Files.createDirectories(there.resolve("inside"));
        }
        case 5 -> Files.delete(here);
        default -> {
          // the same on both sides
        }
      }
    }
  }
}
