package io.pryv.migration.transfer.check;

import io.pryv.migration.transfer.plan.Plan;
import io.pryv.migration.transfer.plan.Spool;
import io.pryv.migration.transfer.side.Background;
import io.pryv.migration.transfer.side.Checksum;
import io.pryv.migration.transfer.side.FileChecksums;
import io.pryv.migration.transfer.side.Side;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.PathOrder;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Compares two folders by content without copying: both sides list their folder sorted ({@link
 * PathOrder}) and, once both listings have started, hash every file (SHA-256), and one pass over
 * the two listings finds every path missing, extra, or different (type, size, content, link target,
 * mode). Nothing is held but the entry at hand on each side: the findings go to spool files, so a
 * tree of any size is checked in the same memory.
 */
public final class TreeComparison {
  private TreeComparison() {}

  public record Difference(String path, String what) {}

  /**
   * What a check found; the three spooled lists in {@link PathOrder}. {@code skippedInSource} and
   * {@code skippedInDest}: what one side's listing had to leave out (a dangling or looping link
   * when links are followed, a special file) and the other side does not leave out at the same
   * path: a transfer cannot copy those, so the trees are not identical.
   */
  public record Report(
      String source,
      String destination,
      long filesCompared,
      Plan.Spooled<String> missing,
      Plan.Spooled<String> extra,
      Plan.Spooled<Difference> different,
      List<String> skippedInSource,
      List<String> skippedInDest,
      double durationSeconds) {
    public boolean identical() {
      return missing.size() == 0
          && extra.size() == 0
          && different.size() == 0
          && skippedInSource.isEmpty()
          && skippedInDest.isEmpty();
    }
  }

  public static Report compare(Side source, Side dest, boolean followLinks, java.time.Clock clock)
      throws IOException {
    long start = clock.millis();
    CompletableFuture<EntryReader> theirListing =
        Background.supplyIo(
            "bt-listing",
            () -> {
              source.awaitReady();
              return dest.listSorted(followLinks);
            });
    dest.awaitReady();
    Spool missing = Spool.ofText();
    Spool extra = Spool.ofText();
    Spool different = Spool.ofText();
    long compared = 0;
    List<String> skippedInSource;
    List<String> skippedInDest;
    CompletableFuture<FileChecksums> theirHashes = null;
    CompletableFuture<FileChecksums> ourHashes = null;
    try (EntryReader ours = source.listSorted(followLinks);
        EntryReader theirs = Background.await(theirListing)) {
      // Both folders exist and are being listed (a missing one fails above, with nothing started):
      // both sides now
      // hash every file, in the order the comparison asks for them.
      theirHashes =
          Background.supplyIo("bt-hashes", () -> dest.checksums(followLinks, Checksum.SHA256));
      ourHashes =
          Background.supplyIo("bt-hashes", () -> source.checksums(followLinks, Checksum.SHA256));
      try (FileChecksums ourSums = Background.await(ourHashes);
          FileChecksums theirSums = Background.await(theirHashes)) {
        Entry here = ours.next();
        Entry there = theirs.next();
        while (here != null || there != null) {
          int order =
              here == null ? 1 : there == null ? -1 : PathOrder.compare(here.path(), there.path());
          if (order < 0) {
            missing.path(here.path());
            here = ours.next();
          } else if (order > 0) {
            extra.path(there.path());
            there = theirs.next();
          } else {
            if (here.isFile() && there.isFile()) {
              compared++;
            }
            String what = difference(here, there, ourSums, theirSums);
            if (what != null) {
              different.path(here.path() + '\0' + what);
            }
            here = ours.next();
            there = theirs.next();
          }
        }
        ourSums.finish();
        theirSums.finish();
      }
      skippedInSource = unmatched(ours.skipped(), theirs.skipped());
      skippedInDest = unmatched(theirs.skipped(), ours.skipped());
    } catch (IOException | RuntimeException e) {
      Background.closeWhenDone(theirListing);
      Background.closeWhenDone(ourHashes);
      Background.closeWhenDone(theirHashes);
      throw e;
    }
    return new Report(
        source.describe(),
        dest.describe(),
        compared,
        missing.texts(),
        extra.texts(),
        different.texts().map(TreeComparison::difference),
        skippedInSource,
        skippedInDest,
        (clock.millis() - start) / 1000.0);
  }

  /** The paths of {@code skipped} that {@code alsoSkipped} does not hold. */
  private static List<String> unmatched(List<String> skipped, List<String> alsoSkipped) {
    Set<String> other = new HashSet<>(alsoSkipped);
    return skipped.stream()
        .filter(path -> !other.contains(path))
        .sorted(PathOrder::compare)
        .toList();
  }

  /** How the two entries at one path differ, or null when they do not. */
  private static String difference(
      Entry here, Entry there, FileChecksums ourSums, FileChecksums theirSums) throws IOException {
    if (here.type() != there.type()) {
      return "type ("
          + here.type().name().toLowerCase()
          + " vs "
          + there.type().name().toLowerCase()
          + ")";
    }
    if (here.isFile()) {
      if (here.size() != there.size()) {
        return "size (" + here.size() + " vs " + there.size() + ")";
      }
      String ourHash = ourSums.checksumOf(here.path());
      String theirHash = theirSums.checksumOf(here.path());
      if (ourHash == null || theirHash == null) {
        String where =
            ourHash == null && theirHash == null
                ? "either side"
                : ourHash == null ? "the source" : "the destination";
        return "content (no SHA-256 on " + where + ": the file went away during the check)";
      }
      if (!ourHash.equals(theirHash)) {
        return "content (sha256 " + ourHash + " vs " + theirHash + ")";
      }
    } else if (here.isSymlink() && !here.linkTarget().equals(there.linkTarget())) {
      return "link target";
    }
    if (!here.isSymlink() && !here.path().isEmpty() && here.mode() != there.mode()) {
      return "mode (" + here.octalMode() + " vs " + there.octalMode() + ")";
    }
    return null;
  }

  private static Difference difference(String spooled) {
    int separator = spooled.indexOf('\0');
    return new Difference(spooled.substring(0, separator), spooled.substring(separator + 1));
  }
}
