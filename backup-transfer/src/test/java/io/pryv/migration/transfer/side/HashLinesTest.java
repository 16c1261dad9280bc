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

/**
 * Reading sha256sum, openssl and cksum lines back: escapes, both separators, any chunking, long
 * names.
 */
class HashLinesTest {
  private static final String HASH = "0123456789abcdef".repeat(4);

  @Test
  void readsBackWhatItWritesForEveryKindOfName() throws Exception {
    Map<String, String> expected = new HashMap<>();
    StringBuilder text = new StringBuilder();
    List<String> names =
        List.of(
            "plain",
            "./with space",
            "new\nline",
            "back\\slash",
            "cr\rhere",
            "été/ü",
            "n".repeat(100_000)); // longer than the read window
    for (int i = 0; i < names.size(); i++) {
      String hash = HASH.substring(i) + HASH.substring(0, i);
      String name = names.get(i);
      expected.put(name.startsWith("./") ? name.substring(2) : name, hash);
      text.append(HashLines.line(hash, names.get(i)));
    }
    for (int i = 0; i < 5000; i++) { // many lines: some cross the window's edge
      expected.put("f" + i, HASH);
      text.append(HashLines.opensslLine(HASH, "f" + i));
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

    assertEquals(expected, HashLines.parseRelative(new ByteArrayInputStream(bytes)));
    assertEquals(expected, HashLines.parseRelative(new SmallReads(bytes, 7)));
  }

  @Test
  void readsCksumLinesMixedWithSha256Lines() throws Exception {
    String allDigits =
        "1234567890".repeat(6) + "1234"; // a SHA-256 made of digits only is still one
    String text =
        "930766865 9 ./nine\n"
            + "4294967295 0 ./with 2 spaces 3\n"
            + HashLines.line(HASH, "./back\\slash")
            + allDigits
            + "  ./12 34\n"
            + HashLines.opensslLine(allDigits, "./5 6");
    assertEquals(
        Map.of(
            "nine",
            "930766865",
            "with 2 spaces 3",
            "4294967295",
            "back\\slash",
            HASH,
            "12 34",
            allDigits,
            "5 6",
            allDigits),
        HashLines.parseRelative(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    String plain = "1 2 ./a\n" + HashLines.line(HASH, "b") + HashLines.line(HASH, "./c\\d");
    assertEquals(
        Map.of("a", "1", "b", HASH, "c\\d", HASH),
        HashLines.parseRelative(new ByteArrayInputStream(plain.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aLastLineWithoutNewlineCountsAndGarbageIsRefused() throws Exception {
    byte[] lastLine = (HASH + " *x").getBytes(StandardCharsets.UTF_8);
    assertEquals(Map.of("x", HASH), HashLines.parseRelative(new ByteArrayInputStream(lastLine)));
    byte[] garbage = "openssl: not found\n".getBytes(StandardCharsets.UTF_8);
    assertThrows(
        IllegalStateException.class,
        () -> HashLines.parseRelative(new ByteArrayInputStream(garbage)));
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
