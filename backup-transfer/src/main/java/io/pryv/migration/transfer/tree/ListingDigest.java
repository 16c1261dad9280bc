package io.pryv.migration.transfer.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A folder's sorted listing reduced to its SHA-256, with the counts a report needs: what the far side compares
 * its own listing with, so that a push with nothing to do needs no listing on either side (see
 * {@code RemoteScripts.listingDigest}). Only for folders holding nothing but files and folders: a link's target is
 * not in the digest, and special files are reported as skipped, which only the full comparison does.
 */
public record ListingDigest(String sha256, long files, long bytes) {
  private static final int SHA256_HEX = 64;

  /**
   * Reads the script's output: NUL-terminated lines {@code TYPE SIZE ...}, then sha256sum's line. Empty when an
   * entry is neither a file nor a folder, or the output is not of that shape.
   */
  public static Optional<ListingDigest> read(InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    int end = bytes.length;
    int lastNul = lastIndexOf(bytes, (byte) 0, end);
    int start = lastNul + 1;
    if (end - start < SHA256_HEX + 1 || bytes[end - 1] != '\n') {
      return Optional.empty();
    }
    String sha256 = new String(bytes, start, SHA256_HEX, StandardCharsets.US_ASCII);
    if (!sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Optional.empty();
    }
    long files = 0;
    long total = 0;
    for (int line = 0; line < start; line = nextLine(bytes, line)) {
      byte type = bytes[line];
      if (bytes[line + 1] != ' ' || (type != 'f' && type != 'd')) {
        return Optional.empty();
      }
      if (type == 'f') {
        OptionalLong size = size(bytes, line + 2);
        if (size.isEmpty()) {
          return Optional.empty();
        }
        files++;
        total += size.getAsLong();
      }
    }
    return Optional.of(new ListingDigest(sha256, files, total));
  }

  /** The start of the line after the one at {@code line}. */
  private static int nextLine(byte[] bytes, int line) {
    int i = line;
    while (bytes[i] != 0) {
      i++;
    }
    return i + 1;
  }

  /** The decimal number at {@code from}, up to the next space; empty when it is not one. */
  private static OptionalLong size(byte[] bytes, int from) {
    long value = 0;
    int i = from;
    for (; bytes[i] >= '0' && bytes[i] <= '9' && i - from < 19; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    return i > from && bytes[i] == ' ' ? OptionalLong.of(value) : OptionalLong.empty();
  }

  private static int lastIndexOf(byte[] bytes, byte value, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
