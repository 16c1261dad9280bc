package io.pryv.migration.transfer.side;

import io.pryv.migration.common.Futures;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.transfer.tree.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hashes many files as two jobs of about the same number of bytes (largest first), so that both cores work;
 * names that only sha256sum prints unambiguously (newline, backslash) go to jobs of their own.
 */
final class HashSplit {
  /** Hashes one list of relative paths; {@code plainNames} is false when some need sha256sum's escapes. */
  interface Job {
    Map<String, String> hash(List<String> paths, boolean plainNames);
  }

  private static final long LARGE = 1024 * 1024;

  private HashSplit() {}

  static Map<String, String> hash(List<Entry> files, Job job, String where) {
    List<List<String>> halves = List.of(new ArrayList<>(), new ArrayList<>());
    long[] bytes = new long[2];
    // Largest first keeps the halves even; only the large files need that order (sorting all of 20,000 small
    // ones cost a fresh JVM more than it could gain).
    List<Entry> order = new ArrayList<>(files.size());
    files.stream().filter(file -> file.size() >= LARGE).sorted(Comparator.comparingLong(Entry::size).reversed())
        .forEach(order::add);
    files.stream().filter(file -> file.size() < LARGE).forEach(order::add);
    for (Entry file : order) {
      int lighter = bytes[0] <= bytes[1] ? 0 : 1;
      halves.get(lighter).add(file.path());
      bytes[lighter] += file.size();
    }
    List<CompletableFuture<Map<String, String>>> jobs = new ArrayList<>();
    for (List<String> half : halves) {
      List<String> plain = half.stream().filter(path -> !HashLines.needsEscape(path)).toList();
      List<String> odd = half.stream().filter(HashLines::needsEscape).toList();
      if (!plain.isEmpty()) {
        jobs.add(Background.supply("sha256", () -> job.hash(plain, true)));
      }
      if (!odd.isEmpty()) {
        jobs.add(Background.supply("sha256", () -> job.hash(odd, false)));
      }
    }
    Map<String, String> result = new HashMap<>();
    jobs.forEach(each -> result.putAll(Futures.join(each)));
    if (result.size() < files.size()) {
      throw ToolException.environment("hashed " + result.size() + " of " + files.size() + " files in " + where);
    }
    return result;
  }
}
