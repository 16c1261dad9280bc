package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pipe between JSch's session thread and a reader: every byte in order, room only as needed.
 */
class ChannelPipeTest {
  private static final int CAPACITY = 1024 * 1024;

  @Test
  void aReaderThatFallsBehindGetsEveryByteAndThePipeGrowsNoFurtherThanItsCapacity()
      throws Exception {
    byte[] data = new byte[10 * 1024 * 1024 + 17];
    new Random(3).nextBytes(data);
    ChannelPipe pipe = new ChannelPipe(CAPACITY);
    Thread writer = writeInChunks(pipe.sink(), data);
    Thread.sleep(
        200); // the writer fills the pipe while nobody reads: it grows to its capacity, then waits
    assertEquals(CAPACITY, pipe.allocated());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Random sizes = new Random(5);
    try (InputStream in = pipe.source()) {
      byte[] chunk = new byte[100_000];
      int n;
      while ((n = in.read(chunk, 0, 1 + sizes.nextInt(chunk.length))) >= 0) {
        received.write(chunk, 0, n);
      }
    }
    writer.join();
    assertArrayEquals(data, received.toByteArray());
    assertEquals(CAPACITY, pipe.allocated());
  }

  @Test
  void aReaderThatKeepsUpLeavesThePipeSmall() throws Exception {
    ChannelPipe pipe = new ChannelPipe(CAPACITY);
    OutputStream sink = pipe.sink();
    InputStream source = pipe.source();
    byte[] chunk = new byte[32 * 1024];
    byte[] back = new byte[chunk.length];
    for (int i = 0; i < 200; i++) { // 6.4 MB through, one packet at a time
      chunk[0] = (byte) i;
      sink.write(chunk);
      assertEquals(chunk.length, source.readNBytes(back, 0, chunk.length));
      assertEquals((byte) i, back[0]);
    }
    assertTrue(pipe.allocated() <= 64 * 1024, "allocated " + pipe.allocated());
  }

  private static Thread writeInChunks(OutputStream sink, byte[] data) {
    Thread writer =
        new Thread(
            () -> {
              Random sizes = new Random(9);
              try (sink) {
                for (int at = 0; at < data.length; ) {
                  int count = Math.min(data.length - at, 1 + sizes.nextInt(40_000));
                  sink.write(data, at, count);
                  at += count;
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    writer.start();
    return writer;
  }
}
