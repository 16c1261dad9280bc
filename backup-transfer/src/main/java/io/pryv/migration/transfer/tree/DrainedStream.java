package io.pryv.migration.transfer.tree;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A remote command's output read to its end on a thread of its own, as fast as it comes, into a
 * {@link SpillFile}, and handed to the caller from there at the caller's pace. For the streams a
 * comparison reads side by side (a listing and a side's checksums over one SSH session): JSch's
 * session thread delivers every channel's data, and a channel whose pipe is full stops it for all
 * of them, so a reader waiting on one stream while another's pipe is full would wait for ever (a
 * sorted listing over 4 MiB compressed, next to checksums that come only once all are computed).
 * Drained to disk, no stream ever holds up the session, and nothing is held in memory.
 */
public final class DrainedStream extends ChunkInputStream {
  private final InputStream source;
  private final SpillFile spill;
  private final InputStream spilled;
  private long written;
  private long consumed;
  private boolean ended;
  private IOException failure;

  private DrainedStream(InputStream source) throws IOException {
    this.source = source;
    this.spill = new SpillFile();
    this.spilled = spill.input();
  }

  /** Starts draining {@code source} on a daemon thread named {@code threadName}. */
  public static InputStream of(InputStream source, String threadName) throws IOException {
    DrainedStream stream = new DrainedStream(source);
    Thread thread = new Thread(stream::drain, threadName);
    thread.setDaemon(true);
    thread.start();
    return stream;
  }

  private void drain() {
    OutputStream out = spill.output();
    byte[] buffer = new byte[64 * 1024];
    try (source) {
      for (int count = source.read(buffer); count >= 0; count = source.read(buffer)) {
        out.write(buffer, 0, count);
        out.flush();
        synchronized (this) {
          written += count;
          notifyAll();
        }
      }
      finish(null);
    } catch (IOException e) {
      finish(e);
    }
  }

  private synchronized void finish(IOException e) {
    ended = true;
    failure = e;
    notifyAll();
  }

  @Override
  protected int readChunk(byte[] bytes, int offset, int length) throws IOException {
    long ready;
    synchronized (this) {
      while (consumed == written && !ended) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading a remote command's output");
        }
      }
      ready = written - consumed;
      if (ready == 0) {
        if (failure != null) {
          throw failure;
        }
        return -1;
      }
    }
    int count = spilled.read(bytes, offset, (int) Math.min(length, ready));
    if (count > 0) {
      synchronized (this) {
        consumed += count;
      }
    }
    return count;
  }

  /**
   * Stops draining (the source is closed: a remote command's channel then ends) and frees the spill
   * file.
   */
  @Override
  public void close() throws IOException {
    try {
      source.close();
    } finally {
      spill.close();
    }
  }
}
