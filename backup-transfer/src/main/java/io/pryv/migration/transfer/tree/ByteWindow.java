package io.pryv.migration.transfer.tree;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The unread part of a stream that is parsed as it arrives: bytes from {@link #position()} to
 * {@link #limit()}. A reader consumes by moving the position, and asks for more when what it needs
 * is not all there yet.
 */
public final class ByteWindow {
  private final InputStream in;
  private byte[] bytes;
  private int position;
  private int limit;

  public ByteWindow(InputStream in, int initialSize) {
    this.in = in;
    this.bytes = new byte[initialSize];
  }

  /** The current array: it changes when {@link #readMore} moves or grows the window. */
  public byte[] bytes() {
    return bytes;
  }

  public int position() {
    return position;
  }

  public void position(int position) {
    this.position = position;
  }

  public int limit() {
    return limit;
  }

  public boolean hasUnread() {
    return position < limit;
  }

  /**
   * Moves the unread bytes to the front (position 0; the array doubles when they fill it) and reads
   * once more; false at the end of the stream.
   */
  public boolean readMore() throws IOException {
    int left = limit - position;
    if (left == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    } else if (position > 0) {
      System.arraycopy(bytes, position, bytes, 0, left);
    }
    position = 0;
    limit = left;
    int count = in.read(bytes, limit, bytes.length - limit);
    if (count < 0) {
      return false;
    }
    limit += count;
    return true;
  }
}
