package io.pryv.migration.transfer.tree;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that reads in chunks only: one byte is a chunk of one, and a chunk of none reads
 * nothing.
 */
abstract class ChunkInputStream extends InputStream {

  /** Reads at least one byte into {@code bytes} (blocking as needed), or returns -1 at the end. */
  protected abstract int readChunk(byte[] bytes, int offset, int length) throws IOException;

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] bytes, int offset, int length) throws IOException {
    return length == 0 ? 0 : readChunk(bytes, offset, length);
  }
}
