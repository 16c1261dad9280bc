package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading sha256sum and openssl lines back: escapes, both separators, any chunking, long names. */
class Sha256SumsTest {
  private static final String HASH = "0123456789abcdef".repeat(4);

  @Test
  void readsBackWhatItWritesForEveryKindOfName() throws Exception {
    Map<String, String> expected = new HashMap<>();
    StringBuilder text = new StringBuilder();
    List<String> names = List.of("plain", "./with space", "new\nline", "back\\slash", "cr\rhere", "été/ü",
        "n".repeat(100_000)); // longer than the read window
    for (int i = 0; i < names.size(); i++) {
      String hash = HASH.substring(i) + HASH.substring(0, i);
      expected.put(names.get(i), hash);
      text.append(Sha256Sums.line(hash, names.get(i)));
    }
    for (int i = 0; i < 5000; i++) { // many lines: some cross the window's edge
      expected.put("f" + i, HASH);
      text.append(Sha256Sums.opensslLine(HASH, "f" + i));
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

    assertEquals(expected, Sha256Sums.parse(new ByteArrayInputStream(bytes)));
    assertEquals(expected, Sha256Sums.parse(new SmallReads(bytes, 7)));
  }

  @Test
  void aLastLineWithoutNewlineCountsAndGarbageIsRefused() throws Exception {
    byte[] lastLine = (HASH + " *x").getBytes(StandardCharsets.UTF_8);
    assertEquals(Map.of("x", HASH), Sha256Sums.parse(new ByteArrayInputStream(lastLine)));
    byte[] garbage = "openssl: not found\n".getBytes(StandardCharsets.UTF_8);
    assertThrows(IllegalStateException.class, () -> Sha256Sums.parse(new ByteArrayInputStream(garbage)));
  }

  /** At most {@code size} bytes per read. */
  private static final class SmallReads extends InputStream {
    private final ByteArrayInputStream in;
    private final int size;

    SmallReads(byte[] bytes, int size) {
      this.in = new ByteArrayInputStream(bytes);
      this.size = size;
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return in.read(buffer, offset, Math.min(length, size));
    }
  }
}
