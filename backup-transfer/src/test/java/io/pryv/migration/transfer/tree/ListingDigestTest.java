package io.pryv.migration.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading a listing into its digest: the uid header is left out, the records hashed as they are,
 * files counted.
 */
class ListingDigestTest {
  private static final String RECORDS =
      "//d 0 1700000000 755 0 0 \0a b//d 0 1700000000 755 0 0 \0"
          + "a b/c d//f 12 1700000000 644 0 0 \0e\nf 99 1 1 1 1 x//f 3 1700000000 600 0 0 \0";

  @Test
  void countsFilesAndTheirBytesAndKeepsTheDigest() throws Exception {
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(RECORDS.getBytes(StandardCharsets.UTF_8)));
    String out = "uid\0" + "1000\0" + RECORDS;
    assertEquals(Optional.of(new ListingDigest(sha, 2, 15)), read(out));
    assertEquals(
        Optional.of(new ListingDigest(sha, 2, 15)),
        ListingDigest.of(new OneByteAtATime(out.getBytes(StandardCharsets.UTF_8))),
        "one byte per read");
    assertEquals(
        read(out),
        read("uid\0" + "0\0" + RECORDS),
        "the uid each side runs as is not in the digest");
  }

  @Test
  void linksSpecialFilesAndOddOutputGiveNothing() throws Exception {
    String header = "uid\0" + "0\0";
    assertTrue(read(header + "link//l 3 1700000000 777 0 0 target\0").isEmpty(), "a link");
    assertTrue(read(header + "fifo//p 0 1700000000 644 0 0 \0").isEmpty(), "a fifo");
    assertTrue(read(header + "bad//f x1 1700000000 644 0 0 \0").isEmpty(), "not a size");
    assertTrue(read(header + "a//f 1 1700000000 644 0 0 ").isEmpty(), "a record cut short");
    assertTrue(read(header + "f 1 1700000000 644 0 0 a\0").isEmpty(), "no path separator");
    assertTrue(read("").isEmpty(), "nothing");
  }

  private static Optional<ListingDigest> read(String out) throws Exception {
    return ListingDigest.of(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
  }
}
