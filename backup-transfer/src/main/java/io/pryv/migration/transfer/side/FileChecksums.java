package io.pryv.migration.transfer.side;

import java.io.Closeable;
import java.io.IOException;

/** The checksums of one side's files, asked for in {@code PathOrder}; see {@link SortedHashes}. */
public interface FileChecksums extends Closeable {

  /** The checksum of the file at {@code path} (relative), null when there is none. */
  String checksumOf(String path) throws IOException;

  /**
   * Called once every checksum needed was asked for: whatever checks the source still has to make.
   */
  void finish() throws IOException;
}
