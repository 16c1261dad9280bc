package io.pryv.migration.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A bounded blocking pipe between JSch's session thread (writing a channel's stdout or stderr) and
 * the thread that reads the remote command's output. It replaces {@code Channel.getInputStream()},
 * whose growable pipe loses data when the reader falls behind (a 64 KiB hole in the stream,
 * reproduced in SshConnectionTest). A full pipe blocks the writer, which is the back-pressure SSH
 * flow control expects; closing the write side (JSch does it at the channel's EOF) ends the read
 * side once it is drained. The buffer starts small and grows up to its capacity only while the
 * reader falls behind: most commands print little, and a push runs several at once (eight 4 MiB
 * buffers allocated up front were a sixth of a full copy's garbage).
 */
final class ChannelPipe {
  private static final int FIRST_SIZE = 64 * 1024;

  private final int capacity;
  private byte[] buffer;
  private int readPosition;
  private int size;
  private boolean writerClosed;
  private boolean readerClosed;

  ChannelPipe(int capacity) {
    this.capacity = capacity;
    buffer = new byte[Math.min(FIRST_SIZE, capacity)];
  }

  /** Where JSch writes. */
  OutputStream sink() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        put(bytes, offset, length);
      }

      @Override
      public void close() {
        closeWriter();
      }
    };
  }

  /** What the caller reads. */
  InputStream source() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        return take(bytes, offset, length);
      }

      @Override
      public int available() {
        synchronized (ChannelPipe.this) {
          return size;
        }
      }

      @Override
      public void close() {
        closeReader();
      }
    };
  }

  private synchronized void put(byte[] bytes, int offset, int length) throws IOException {
    int written = 0;
    while (written < length) {
      if (size == buffer.length && buffer.length < capacity) {
        grow();
      }
      while (size == buffer.length && !readerClosed) {
        waitUninterrupted();
      }
      if (readerClosed) {
        return; // nobody reads any more: drop the rest, as a closed pipe would, without stalling
        // the session
      }
      int writeStart = (readPosition + size) % buffer.length;
      int count =
          Math.min(length - written, Math.min(buffer.length - size, buffer.length - writeStart));
      System.arraycopy(bytes, offset + written, buffer, writeStart, count);
      size += count;
      written += count;
      notifyAll();
    }
  }

  /** The bytes the buffer holds room for now. */
  synchronized int allocated() {
    return buffer.length;
  }

  /** Twice the room (at most the capacity), the unread bytes moved to its start. */
  private void grow() {
    byte[] larger = new byte[(int) Math.min(capacity, 2L * buffer.length)];
    int tail = Math.min(size, buffer.length - readPosition);
    System.arraycopy(buffer, readPosition, larger, 0, tail);
    System.arraycopy(buffer, 0, larger, tail, size - tail);
    buffer = larger;
    readPosition = 0;
  }

  private synchronized int take(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (size == 0 && !writerClosed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading a remote command's output");
      }
    }
    if (size == 0) {
      return -1;
    }
    int count = Math.min(length, Math.min(size, buffer.length - readPosition));
    System.arraycopy(buffer, readPosition, bytes, offset, count);
    readPosition = (readPosition + count) % buffer.length;
    size -= count;
    notifyAll();
    return count;
  }

  private synchronized void closeWriter() {
    writerClosed = true;
    notifyAll();
  }

  private synchronized void closeReader() {
    readerClosed = true;
    notifyAll();
  }

  private void waitUninterrupted() throws IOException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while passing on a remote command's output");
    }
  }
}
