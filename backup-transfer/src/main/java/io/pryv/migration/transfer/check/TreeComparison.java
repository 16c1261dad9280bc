package io.pryv.migration.transfer.check;

import io.pryv.migration.transfer.side.Background;
import io.pryv.migration.transfer.side.Checksum;
import io.pryv.migration.transfer.side.Side;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.Tree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Compares two folders by content without copying: both sides list, both hash every file (SHA-256, in
 * parallel), then every path is missing, extra, or different (type, size, content, link target, mode).
 */
public final class TreeComparison {
  private TreeComparison() {}

  public record Difference(String path, String what) {}

  public record Report(String source, String destination, long filesCompared, List<String> missing,
      List<String> extra, List<Difference> different, double durationSeconds) {
    public boolean identical() {
      return missing.isEmpty() && extra.isEmpty() && different.isEmpty();
    }
  }

  public static Report compare(Side source, Side dest, boolean followLinks, java.time.Clock clock)
      throws IOException {
    long start = clock.millis();
    CompletableFuture<Tree> theirTree = Background.supplyIo("bt-listing", () -> {
      source.awaitReady();
      return dest.listSource(followLinks).tree();
    });
    dest.awaitReady();
    Tree ours = source.listSource(followLinks).tree();
    Tree theirs = Background.await(theirTree);
    CompletableFuture<Map<String, String>> theirHashes =
        Background.supplyIo("bt-hashes", () -> dest.hashes(theirs.files(), followLinks, Checksum.SHA256));
    Map<String, String> ourHashes = source.hashes(ours.files(), followLinks, Checksum.SHA256);
    Map<String, String> hashes = Background.await(theirHashes);
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<Difference> different = new ArrayList<>();
    long compared = 0;
    for (Entry here : ours.entries()) {
      Entry there = theirs.get(here.path());
      if (there == null) {
        missing.add(here.path());
        continue;
      }
      String what = null;
      if (here.type() != there.type()) {
        what = "type (" + here.type().name().toLowerCase() + " vs " + there.type().name().toLowerCase() + ")";
      } else if (here.isFile()) {
        compared++;
        if (here.size() != there.size()) {
          what = "size (" + here.size() + " vs " + there.size() + ")";
        } else if (!ourHashes.get(here.path()).equals(hashes.get(here.path()))) {
          what = "content (sha256 " + ourHashes.get(here.path()) + " vs " + hashes.get(here.path()) + ")";
        }
      } else if (here.isSymlink() && !here.linkTarget().equals(there.linkTarget())) {
        what = "link target";
      }
      if (what == null && !here.isSymlink() && !here.path().isEmpty() && here.mode() != there.mode()) {
        what = "mode (" + here.octalMode() + " vs " + there.octalMode() + ")";
      }
      if (what != null) {
        different.add(new Difference(here.path(), what));
      }
    }
    for (Entry there : theirs.entries()) {
      if (!ours.contains(there.path())) {
        extra.add(there.path());
      }
    }
    Collections.sort(missing);
    Collections.sort(extra);
    different.sort(Comparator.comparing(Difference::path));
    return new Report(source.describe(), dest.describe(), compared, missing, extra, different,
        (clock.millis() - start) / 1000.0);
  }

}
