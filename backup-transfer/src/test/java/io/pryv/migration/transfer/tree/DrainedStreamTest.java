package io.pryv.migration.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainedStreamTest {

  @Test
  void theSourceIsReadToItsEndBeforeTheCallerReadsAnythingAndComesBackWhole() throws Exception {
    byte[] data = new byte[20 * 1024 * 1024 + 17];
    new Random(3).nextBytes(data);
    CountDownLatch sourceEnded = new CountDownLatch(1);
    InputStream source =
        new ByteArrayInputStream(data) {
          @Override
          public synchronized int read(byte[] bytes, int offset, int length) {
            int count = super.read(bytes, offset, length);
            if (count < 0) {
              sourceEnded.countDown();
            }
            return count;
          }
        };
    try (InputStream drained = DrainedStream.of(source, "test-drain")) {
      assertTrue(sourceEnded.await(30, TimeUnit.SECONDS), "drained without anyone reading");
      assertArrayEquals(data, drained.readAllBytes());
      assertEquals(-1, drained.read());
    }
  }

  @Test
  void aFailureOfTheSourceReachesTheReaderAfterWhatCameBefore() throws Exception {
    InputStream failing =
        new InputStream() {
          private int left = 3;

          @Override
          public int read() throws IOException {
            if (left-- > 0) {
              return 'x';
            }
            throw new IOException("connection lost");
          }
        };
    try (InputStream drained = DrainedStream.of(failing, "test-drain")) {
      assertEquals('x', drained.read());
      assertEquals('x', drained.read());
      assertEquals('x', drained.read());
      IOException e = assertThrows(IOException.class, drained::read);
      assertEquals("connection lost", e.getMessage());
    }
  }
}
