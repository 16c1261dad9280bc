package io.pryv.migration.verify.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A Content-Length body: exactly {@code length} bytes, then end of stream. */
final class BoundedInputStream extends InputStream {
  private final InputStream in;
  private long remaining;

  BoundedInputStream(InputStream in, long length) {
    this.in = in;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed with " + remaining + " body bytes missing");
    }
    remaining--;
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int count = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (count < 0) {
      throw new EOFException("connection closed with " + remaining + " body bytes missing");
    }
    remaining -= count;
    return count;
  }
}
