package io.pryv.migration.dockerops.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/** Differences between two per-name counts ("events: live 120, dump 119"), empty when equal. */
public final class CountComparison {
  private CountComparison() {}

  public static List<String> differences(
      SortedMap<String, Long> expected,
      String expectedName,
      SortedMap<String, Long> actual,
      String actualName) {
    List<String> out = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(expected.keySet());
    names.addAll(actual.keySet());
    for (String name : names) {
      Long a = expected.get(name);
      Long b = actual.get(name);
      if (a == null) {
        out.add(name + ": not in " + expectedName + ", " + b + " in " + actualName);
      } else if (b == null) {
        out.add(name + ": " + a + " in " + expectedName + ", missing in " + actualName);
      } else if (!a.equals(b)) {
        out.add(name + ": " + a + " in " + expectedName + ", " + b + " in " + actualName);
      }
    }
    return out;
  }

  public static long total(SortedMap<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
