package io.pryv.migration.transfer.side;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CRC that POSIX {@code cksum} prints: polynomial 0x04C11DB7, most significant bit first, over
 * the bytes and then the length (least significant byte first, no trailing zeros), complemented.
 * Used when {@code cksum} cannot run here; the far side always uses its own {@code cksum}.
 */
public final class PosixCksum {
  private static final int[] TABLE = table();

  private int crc;
  private long length;

  public void update(byte[] bytes, int offset, int count) {
    int value = crc;
    for (int i = offset; i < offset + count; i++) {
      value = (value << 8) ^ TABLE[((value >>> 24) ^ bytes[i]) & 0xff];
    }
    crc = value;
    length += count;
  }

  /** The value as cksum prints it (unsigned decimal). */
  public String value() {
    int value = crc;
    for (long rest = length; rest != 0; rest >>>= 8) {
      value = (value << 8) ^ TABLE[((value >>> 24) ^ (int) rest) & 0xff];
    }
    return Long.toString(~value & 0xffffffffL);
  }

  public static String of(Path file) throws IOException {
    PosixCksum sum = new PosixCksum();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int count;
      while ((count = in.read(buffer)) > 0) {
        sum.update(buffer, 0, count);
      }
    }
    return sum.value();
  }

  private static int[] table() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int value = i << 24;
      for (int bit = 0; bit < 8; bit++) {
        value = (value & 0x80000000) != 0 ? (value << 1) ^ 0x04C11DB7 : value << 1;
      }
      table[i] = value;
    }
    return table;
  }
}
