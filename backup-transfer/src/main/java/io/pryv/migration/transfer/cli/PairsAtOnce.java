package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.FastPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How many SRC DEST pairs of one call run at once: up to {@link PairRuns#MOST_AT_ONCE}, or one
 * after the other when that is what keeps the result and the output as they would be. A progress
 * bar is one line on the terminal: one pair at a time then. Pairs whose folders are one, or one
 * inside the other, on the same machine (as written: links are not resolved) run in order too, so
 * that a --delete or a commit of one cannot meet the writes of another.
 */
final class PairsAtOnce {
  private PairsAtOnce() {}

  static int of(BackupTransferOptions options, boolean progressShown) {
    int pairs = options.locations().size() / 2;
    if (pairs <= 1
        || !FastPath.PAIRS_SIDE_BY_SIDE.on() // off: one after the other, for measuring
        || progressShown
        || (options.verb().transfers() && foldersOverlap(options.locations()))) {
      return 1;
    }
    return Math.min(pairs, PairRuns.MOST_AT_ONCE);
  }

  /** Whether any destination is, holds or lies inside another folder of the call on its machine. */
  static boolean foldersOverlap(List<Location> locations) {
    for (int dest = 1; dest < locations.size(); dest += 2) {
      for (int other = 0; other < locations.size(); other++) {
        if (other != dest && overlap(locations.get(dest), locations.get(other))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean overlap(Location a, Location b) {
    if (!a.userAtHost().equals(b.userAtHost())) {
      return false;
    }
    Optional<Path> first = normalized(a.path());
    Optional<Path> second = normalized(b.path());
    if (first.isEmpty() || second.isEmpty()) {
      return true; // a path we cannot read as one: assume the worst
    }
    Path x = first.get();
    Path y = second.get();
    if (x.isAbsolute() != y.isAbsolute() || x.toString().isEmpty() || y.toString().isEmpty()) {
      // one relative (to the login's home or the working folder), or that folder itself: it may be
      // anywhere
      return true;
    }
    return x.startsWith(y) || y.startsWith(x);
  }

  private static Optional<Path> normalized(String path) {
    try {
      return Optional.of(Path.of(path).normalize());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
