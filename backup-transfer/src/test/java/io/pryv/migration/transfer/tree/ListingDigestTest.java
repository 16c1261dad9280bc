package io.pryv.migration.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the digest script's output: the sorted lines, then sha256sum's line. */
class ListingDigestTest {
  private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void countsFilesAndTheirBytesAndKeepsTheDigest() throws Exception {
    String out = "d 0 1700000000 755 0 0 \0d 0 1700000000 755 0 0 a b\0f 12 1700000000 644 0 0 a b/c d\0"
        + "f 3 1700000000 600 0 0 e\nf 99 1 1 1 1 x\0" + SHA + "  -\n";
    assertEquals(Optional.of(new ListingDigest(SHA, 2, 15)), read(out));
    assertEquals(Optional.of(new ListingDigest(SHA, 2, 15)),
        ListingDigest.read(new OneByteAtATime(out.getBytes(StandardCharsets.UTF_8))), "one byte per read");
  }

  @Test
  void linksSpecialFilesAndOddOutputGiveNothing() throws Exception {
    assertTrue(read("l 3 1700000000 777 0 0 link\0" + SHA + "  -\n").isEmpty(), "a link");
    assertTrue(read("p 0 1700000000 644 0 0 fifo\0" + SHA + "  -\n").isEmpty(), "a fifo");
    assertTrue(read("f x1 1700000000 644 0 0 bad\0" + SHA + "  -\n").isEmpty(), "not a size");
    assertTrue(read("f 1 1700000000 644 0 0 a\0" + "not a digest" + "  -\n").isEmpty(), "no digest");
    assertTrue(read("f 1 1700000000 644 0 0 a\0" + SHA.toUpperCase() + "  -\n").isEmpty(), "not sha256sum's");
    assertTrue(read("").isEmpty(), "nothing");
  }

  private static Optional<ListingDigest> read(String out) throws Exception {
    return ListingDigest.read(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
  }
}
