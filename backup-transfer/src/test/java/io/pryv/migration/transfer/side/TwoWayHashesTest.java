package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pryv.migration.transfer.tree.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two hashing processes, about half of the bytes each: the split is replayed to know which one
 * answers.
 */
class TwoWayHashesTest {

  @Test
  void eachFileGoesToTheHalfWithFewerBytesSoFarAndIsAskedThere() throws Exception {
    List<Entry> files =
        List.of(file("a", 300), file("b", 100), file("c", 100), file("d", 50), file("e", 400));
    TwoWayHashes.Split split = new TwoWayHashes.Split();
    List<Integer> halves = new ArrayList<>();
    files.forEach(file -> halves.add(split.next(file)));
    assertEquals(
        List.of(0, 1, 1, 1, 1), halves, "a: 300 | b, c, d: 250, then e to the lighter one");

    List<String> askedFirst = new ArrayList<>();
    List<String> askedSecond = new ArrayList<>();
    try (TwoWayHashes hashes =
        new TwoWayHashes(
            files,
            answering(Map.of("a", "ha"), askedFirst),
            answering(Map.of("b", "hb", "c", "hc", "d", "hd", "e", "he"), askedSecond))) {
      assertEquals("ha", hashes.checksumOf("a"));
      assertEquals("hc", hashes.checksumOf("c"), "b skipped: still counted in the split");
      assertEquals("he", hashes.checksumOf("e"));
      assertNull(hashes.checksumOf("f"), "not in the list");
    }
    assertEquals(List.of("a"), askedFirst);
    assertEquals(List.of("c", "e"), askedSecond);
  }

  private static Entry file(String path, long size) {
    return new Entry(path, Entry.Type.FILE, size, 0, 0644, 0, 0, null);
  }

  private static FileChecksums answering(Map<String, String> sums, List<String> asked) {
    return new FileChecksums() {
      @Override
      public String checksumOf(String path) {
        asked.add(path);
        return sums.get(path);
      }

      @Override
      public void finish() {}

      @Override
      public void close() {}
    };
  }
}
