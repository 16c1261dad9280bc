package io.pryv.migration.transfer.side;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How {@code --checksum} compares the content of two files of the same size.
 *
 * <p>{@link #CRC32}, the default, is the CRC of POSIX {@code cksum}: coreutils computes it at
 * several GB/s (SHA-256 manages under 2 GB/s even with SHA-NI), and like rsync's own default
 * checksum (xxh128) it is made to catch accidental change, not forgery. Any change of up to 32
 * consecutive bits is always seen; any other change escapes it with a chance of 1 in 2^32. {@link
 * #SHA256} is the cryptographic choice. Whatever is chosen, names that only sha256sum prints
 * unambiguously (backslash, newline, carriage return) are compared by SHA-256, on both sides alike,
 * and every file sent is checked end to end by SHA-256.
 */
public enum Checksum {
  CRC32("crc32"),
  SHA256("sha256");

  private final String optionValue;

  Checksum(String optionValue) {
    this.optionValue = optionValue;
  }

  /** As written after {@code --checksum-choice}, and in the far side's scripts. */
  public String optionValue() {
    return optionValue;
  }

  /** What the report calls the comparison: {@code size+crc32} or {@code size+sha256}. */
  public String comparison() {
    return "size+" + optionValue;
  }

  public static Optional<Checksum> named(String value) {
    return Arrays.stream(values())
        .filter(each -> each.optionValue.equals(value.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** {@code crc32, sha256}: for messages. */
  public static String choices() {
    return Arrays.stream(values()).map(Checksum::optionValue).collect(Collectors.joining(", "));
  }
}
