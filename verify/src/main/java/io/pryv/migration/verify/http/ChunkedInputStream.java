package io.pryv.migration.verify.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A {@code Transfer-Encoding: chunked} body. */
final class ChunkedInputStream extends InputStream {
  private final InputStream in;
  private long chunkRemaining;
  private boolean done;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  private boolean nextChunk() throws IOException {
    if (done) {
      return false;
    }
    if (chunkRemaining == 0) {
      String sizeLine = HttpTransport.readLine(in);
      if (sizeLine == null) {
        throw new EOFException("connection closed inside a chunked body");
      }
      int semicolon = sizeLine.indexOf(';');
      String size = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
      try {
        chunkRemaining = Long.parseLong(size, 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size '" + size + "'");
      }
      if (chunkRemaining == 0) {
        for (String trailer = HttpTransport.readLine(in); trailer != null && !trailer.isEmpty();
            trailer = HttpTransport.readLine(in)) {
          // trailers are not used
        }
        done = true;
        return false;
      }
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int count = read(one, 0, 1);
    return count < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (!nextChunk()) {
      return -1;
    }
    int count = in.read(buffer, offset, (int) Math.min(length, chunkRemaining));
    if (count < 0) {
      throw new EOFException("connection closed inside a chunk");
    }
    chunkRemaining -= count;
    if (chunkRemaining == 0) {
      String end = HttpTransport.readLine(in);
      if (end == null || !end.isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
    }
    return count;
  }
}
