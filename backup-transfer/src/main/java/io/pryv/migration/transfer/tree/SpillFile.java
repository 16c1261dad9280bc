package io.pryv.migration.transfer.tree;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file for what must not be held in memory (a listing, a plan): removed from its folder
 * as soon as it is opened, so that nothing is left behind even after kill -9; its space is freed
 * when it is closed, or by the JVM's cleaner once nobody refers to it, or at exit. Written once,
 * then read from the start as often as needed.
 */
public final class SpillFile implements Closeable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final FileChannel channel;
  private final OutputStream out;
  private final Cleaner.Cleanable cleanable;

  public SpillFile() throws IOException {
    Path file = Files.createTempFile("bt-spill-", ".tmp");
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } finally {
      Files.deleteIfExists(file);
    }
    FileChannel opened = channel;
    cleanable =
        CLEANER.register(
            this,
            () -> {
              try {
                opened.close();
              } catch (IOException ignored) {
                // nothing left to free
              }
            });
    out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
  }

  /** Where to write; call {@link #input} only once writing is done. */
  public OutputStream output() {
    return out;
  }

  /** A new stream over everything written, from the start (the output is flushed first). */
  public InputStream input() throws IOException {
    out.flush();
    return new ChunkInputStream() {
      private long position;

      @Override
      protected int readChunk(byte[] bytes, int offset, int length) throws IOException {
        int count = channel.read(ByteBuffer.wrap(bytes, offset, length), position);
        if (count > 0) {
          position += count;
        }
        return count;
      }
    };
  }

  @Override
  public void close() {
    cleanable.clean();
  }
}
