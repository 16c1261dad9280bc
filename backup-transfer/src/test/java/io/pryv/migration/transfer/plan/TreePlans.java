package io.pryv.migration.transfer.plan;

import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.Tree;
import java.io.IOException;
import java.util.List;

/** Plans between two trees held in memory: the tests' way of stating a case. */
public final class TreePlans {
  private TreePlans() {}

  public static Plan plan(Tree source, Tree dest, Planner.Settings settings) throws IOException {
    try (EntryReader here = EntryReader.of(source, List.of());
        EntryReader there = EntryReader.of(dest, List.of())) {
      return Planner.plan(here, there, settings);
    }
  }
}
