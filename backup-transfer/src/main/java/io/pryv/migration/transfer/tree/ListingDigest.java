package io.pryv.migration.transfer.tree;

import io.pryv.migration.common.integrity.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A folder's sorted records ({@code sorted_records} in the side scripts' {@code lib.sh}) reduced to
 * their SHA-256, with the counts a report needs: what the far side compares with the SHA-256 of its
 * own records (sha256sum of the same bytes, {@code prepare-destination.sh}), so that a push with
 * nothing to do needs no listing parsed on either side. Only for folders holding nothing but files
 * and folders: a link's target may differ in ways the quick check does not look at, and special
 * files are reported as skipped, which only the full comparison does.
 */
public record ListingDigest(String sha256, long files, long bytes) {
  private static final int SIZE_DIGITS = 18;
  static final long FOLDER = -1;
  static final long NOT_LISTED = -2;

  /**
   * Reads a listing ({@code uid} header, then the records) a window at a time, whatever the
   * folder's size, and hashes its records. Empty when an entry is neither a file nor a folder, or
   * the listing is not of that shape.
   */
  public static Optional<ListingDigest> of(InputStream listing) throws IOException {
    ByteWindow window = new ByteWindow(listing, 64 * 1024);
    for (int field = 0;
        field < 2;
        field++) { // "uid", then the number: not hashed (it differs between sides)
      int end = nextNul(window);
      while (end < 0) {
        if (!window.readMore()) {
          return Optional.empty();
        }
        end = nextNul(window);
      }
      window.position(end + 1);
    }
    MessageDigest sha256 = Sha256.newDigest();
    long files = 0;
    long total = 0;
    while (true) {
      int end = nextNul(window);
      if (end < 0) {
        if (!window.readMore()) {
          return window.position() == window.limit()
              ? Optional.of(new ListingDigest(Sha256.hex(sha256.digest()), files, total))
              : Optional.empty(); // a record without its NUL
        }
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
      sha256.update(window.bytes(), window.position(), end + 1 - window.position());
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
   * The size of the file a record {@code PATH//TYPE SIZE ...} describes, {@link #FOLDER} for a
   * folder, {@link #NOT_LISTED} for anything else (a link, a special file, a record not of that
   * shape).
   */
  static long fileSize(byte[] bytes, int start, int end) {
    int at = -1;
    for (int i = start; i + 1 < end; i++) {
      if (bytes[i] == '/' && bytes[i + 1] == '/') {
        at = i + 2;
        break;
      }
    }
    if (at < 0 || end - at < 2 || bytes[at + 1] != ' ') {
      return NOT_LISTED;
    }
    if (bytes[at] == 'd') {
      return FOLDER;
    }
    if (bytes[at] != 'f') {
      return NOT_LISTED;
    }
    long value = 0;
    int i = at + 2;
    for (; i < end && bytes[i] >= '0' && bytes[i] <= '9' && i - at - 2 < SIZE_DIGITS; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    return i > at + 2 && i < end && bytes[i] == ' ' ? value : NOT_LISTED;
  }
}
