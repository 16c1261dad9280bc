package io.pryv.migration.transfer.tree;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * Hands out one byte per read, as a slow network may: a streaming reader must still see whole
 * lines.
 */
final class OneByteAtATime extends InputStream {
  private final ByteArrayInputStream in;

  OneByteAtATime(byte[] bytes) {
    in = new ByteArrayInputStream(bytes);
  }

  @Override
  public int read() {
    return in.read();
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    return length == 0 ? 0 : in.read(buffer, offset, 1);
  }
}
