package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java CRC against the POSIX check value and against the cksum program itself, whatever the
 * length.
 */
class PosixCksumTest {
  @TempDir Path dir;

  @Test
  void knownValues() throws Exception {
    assertEquals(
        "930766865", PosixCksum.of(write("nine", "123456789".getBytes(StandardCharsets.US_ASCII))));
    assertEquals("4294967295", PosixCksum.of(write("empty", new byte[0])));
  }

  @Test
  void agreesWithTheCksumProgramAcrossLengthsAndReadSizes() throws Exception {
    Random random = new Random(7);
    // lengths whose byte count in the length suffix differs (1, 2, 3 bytes), and a read split
    // across buffers
    for (int length : new int[] {1, 255, 256, 65_535, 65_536, 70_001, 16_777_217}) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      Path file = write("f" + length, bytes);
      assertEquals(cksum(file), PosixCksum.of(file), "length " + length);
    }
  }

  @Test
  void oneFlippedBitChangesTheValue() throws Exception {
    byte[] bytes = new byte[100_000];
    new Random(3).nextBytes(bytes);
    String before = PosixCksum.of(write("a", bytes));
    bytes[54_321] ^= 0x10;
    assertNotEquals(before, PosixCksum.of(write("b", bytes)));
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  private static String cksum(Path file) throws Exception {
    Process process = new ProcessBuilder("cksum", file.toString()).start();
    String line = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertEquals(0, process.waitFor());
    return line.substring(0, line.indexOf(' '));
  }
}
