package io.pryv.migration.transfer.side;

import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.ListingDigest;
import io.pryv.migration.transfer.tree.SortedListing;
import io.pryv.migration.transfer.tree.SpillFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A local folder's sorted listing made by {@code list-source.sh}, spilled to an unlinked temporary
 * file: read once as entries, and before that, for a push, reduced to its {@link ListingDigest}
 * (one listing serves both).
 */
public final class LocalListing implements Closeable {
  private final SpillFile spill;
  private final boolean followLinks;
  private final String origin;
  private boolean handedOn;

  LocalListing(SpillFile spill, boolean followLinks, String origin) {
    this.spill = spill;
    this.followLinks = followLinks;
    this.origin = origin;
  }

  /** The digest of the records, or empty when the folder holds a link or a special file. */
  public Optional<ListingDigest> digest() throws IOException {
    try (InputStream in = spill.input()) {
      return ListingDigest.of(in);
    }
  }

  /** The entries, in PathOrder; closing the reader removes the spill file. */
  public EntryReader reader() throws IOException {
    EntryReader reader =
        SortedListing.read(spill.input(), followLinks, origin, reachedEnd -> spill.close());
    handedOn = true;
    return reader;
  }

  /** Removes the spill file unless a reader has taken it over. */
  @Override
  public void close() {
    if (!handedOn) {
      spill.close();
    }
  }
}
