package io.pryv.migration.transfer.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A folder's sorted listing reduced to its SHA-256, with the counts a report needs: what the far side compares
 * its own listing with, so that a push with nothing to do needs no listing on either side (see
 * {@code listing-digest.sh}). Only for folders holding nothing but files and folders: a link's target is
 * not in the digest, and special files are reported as skipped, which only the full comparison does.
 */
public record ListingDigest(String sha256, long files, long bytes) {
  private static final int SHA256_HEX = 64;
  /** sha256sum's line: the digest, two spaces, "-" for stdin, a newline. */
  private static final int DIGEST_LINE = SHA256_HEX + 4;
  private static final int SIZE_DIGITS = 18;
  private static final long FOLDER = -1;
  private static final long NOT_LISTED = -2;

  /**
   * Reads the script's output as it comes (a window of it at a time, whatever the folder's size): NUL-terminated
   * lines {@code TYPE SIZE ...}, then sha256sum's line. Empty when an entry is neither a file nor a folder, or the
   * output is not of that shape.
   */
  public static Optional<ListingDigest> read(InputStream in) throws IOException {
    ByteWindow window = new ByteWindow(in, 64 * 1024);
    long files = 0;
    long total = 0;
    boolean ended = false;
    while (true) {
      int end = nextNul(window);
      if (end < 0) {
        if (ended) { // what follows the last line: sha256sum's
          return digestLine(Arrays.copyOfRange(window.bytes(), window.position(), window.limit()), files, total);
        }
        ended = !window.readMore();
        continue;
      }
      long size = fileSize(window.bytes(), window.position(), end);
      if (size == NOT_LISTED) {
        return Optional.empty();
      }
      if (size != FOLDER) {
        files++;
        total += size;
      }
      window.position(end + 1);
    }
  }

  private static int nextNul(ByteWindow window) {
    byte[] bytes = window.bytes();
    for (int i = window.position(); i < window.limit(); i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The size of the file a line describes, {@link #FOLDER} for a folder, {@link #NOT_LISTED} for anything else
   * (a link, a special file, a line not of that shape).
   */
  private static long fileSize(byte[] bytes, int start, int end) {
    if (end - start < 2 || bytes[start + 1] != ' ') {
      return NOT_LISTED;
    }
    if (bytes[start] == 'd') {
      return FOLDER;
    }
    if (bytes[start] != 'f') {
      return NOT_LISTED;
    }
    long value = 0;
    int i = start + 2;
    for (; i < end && bytes[i] >= '0' && bytes[i] <= '9' && i - start - 2 < SIZE_DIGITS; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    return i > start + 2 && i < end && bytes[i] == ' ' ? value : NOT_LISTED;
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
