package io.pryv.migration.transfer.tree;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A folder's sorted listing reduced to its SHA-256, with the counts a report needs: what the far side compares
 * its own listing with, so that a push with nothing to do needs no listing on either side (see
 * {@code RemoteScripts.listingDigest}). Only for folders holding nothing but files and folders: a link's target is
 * not in the digest, and special files are reported as skipped, which only the full comparison does.
 */
public record ListingDigest(String sha256, long files, long bytes) {
  private static final int SHA256_HEX = 64;
  /** sha256sum's line: the digest, two spaces, "-" for stdin, a newline. */
  private static final int DIGEST_LINE = SHA256_HEX + 4;
  private static final int SIZE_DIGITS = 19;

  /**
   * Reads the script's output as it comes (one line at a time, whatever the folder's size): NUL-terminated lines
   * {@code TYPE SIZE ...}, then sha256sum's line. Empty when an entry is neither a file nor a folder, or the
   * output is not of that shape.
   */
  public static Optional<ListingDigest> read(InputStream in) throws IOException {
    InputStream buffered = new BufferedInputStream(in, 64 * 1024);
    long files = 0;
    long total = 0;
    ByteArrayOutputStream last = new ByteArrayOutputStream(DIGEST_LINE);
    while (true) {
      int type = buffered.read();
      if (type < 0) {
        return Optional.empty();
      }
      int second = buffered.read();
      if (second != ' ') { // not a listing line: the digest line (nothing may follow it)
        last.write(type);
        if (second >= 0) {
          last.write(second);
        }
        buffered.transferTo(last);
        return digestLine(last.toByteArray(), files, total);
      }
      if (type != 'f' && type != 'd') {
        return Optional.empty();
      }
      long size = skipLine(buffered, type == 'f');
      if (size < 0) {
        return Optional.empty();
      }
      if (type == 'f') {
        files++;
        total += size;
      }
    }
  }

  /**
   * Reads the rest of a line up to its NUL; returns the size it starts with when {@code sized}, 0 when not, -1
   * when the size is not a number or the line does not end.
   */
  private static long skipLine(InputStream in, boolean sized) throws IOException {
    long value = 0;
    int digits = 0;
    int b = in.read();
    if (sized) {
      for (; b >= '0' && b <= '9' && digits < SIZE_DIGITS; b = in.read(), digits++) {
        value = value * 10 + (b - '0');
      }
      if (digits == 0 || b != ' ') {
        return -1;
      }
    }
    while (b > 0) {
      b = in.read();
    }
    return b == 0 ? value : -1;
  }

  private static Optional<ListingDigest> digestLine(byte[] line, long files, long bytes) {
    if (line.length != DIGEST_LINE || line[line.length - 1] != '\n') {
      return Optional.empty();
    }
    String sha256 = new String(line, 0, SHA256_HEX, StandardCharsets.US_ASCII);
    if (!sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Optional.empty();
    }
    return Optional.of(new ListingDigest(sha256, files, bytes));
  }
}
