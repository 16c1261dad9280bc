package io.pryv.migration.nginx.conf.lex;

import java.util.Arrays;

/**
 * A config file's bytes, decoded the way crossplane reads them ({@code io.open(mode='r',
 * encoding='utf-8', errors='replace')}): UTF-8 with U+FFFD for invalid sequences, and universal
 * newlines ({@code \r\n} and a lone {@code \r} read as {@code \n}). The decoded characters are what
 * the lexer sees; {@link #byteOffset(int)} maps a character index back to the byte offset in the
 * original file, so that callers can splice the original text.
 */
public final class SourceText {
  private final byte[] bytes;
  private final char[] chars;
  private final int length;

  /**
   * Byte offset of each decoded char (and one past the end); null when chars and bytes line up one
   * to one.
   */
  private final int[] offsets;

  private SourceText(byte[] bytes, char[] chars, int length, int[] offsets) {
    this.bytes = bytes;
    this.chars = chars;
    this.length = length;
    this.offsets = offsets;
  }

  public static SourceText decode(byte[] bytes) {
    int n = bytes.length;
    boolean simple = true;
    for (byte b : bytes) {
      if (b < 0 || b == '\r') {
        simple = false;
        break;
      }
    }
    char[] chars = new char[n];
    if (simple) {
      for (int i = 0; i < n; i++) {
        chars[i] = (char) bytes[i];
      }
      return new SourceText(bytes, chars, n, null);
    }
    int[] offsets = new int[n + 1];
    int out = 0;
    int i = 0;
    while (i < n) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        if (b == '\r') {
          offsets[out] = i;
          chars[out++] = '\n';
          i += (i + 1 < n && bytes[i + 1] == '\n') ? 2 : 1;
          continue;
        }
        offsets[out] = i;
        chars[out++] = (char) b;
        i++;
        continue;
      }
      int need;
      int cp;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        cp = b & 0x1F;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        cp = b & 0x0F;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        cp = b & 0x07;
        min = 0x10000;
      } else {
        offsets[out] = i;
        chars[out++] = '\uFFFD';
        i++;
        continue;
      }
      int j = i + 1;
      boolean valid = true;
      for (int k = 0; k < need; k++, j++) {
        if (j >= n || (bytes[j] & 0xC0) != 0x80 || !secondByteAllowed(b, k, bytes[j] & 0xFF)) {
          valid = false;
          break;
        }
        cp = (cp << 6) | (bytes[j] & 0x3F);
      }
      if (!valid || cp < min) {
        // The maximal invalid subpart becomes one U+FFFD, as CPython's decoder does.
        offsets[out] = i;
        chars[out++] = '\uFFFD';
        i = Math.max(j, i + 1);
        continue;
      }
      if (cp >= 0x10000) {
        offsets[out] = i;
        chars[out++] = Character.highSurrogate(cp);
        offsets[out] = i;
        chars[out++] = Character.lowSurrogate(cp);
      } else {
        offsets[out] = i;
        chars[out++] = (char) cp;
      }
      i = j;
    }
    offsets[out] = n;
    return new SourceText(bytes, chars, out, Arrays.copyOf(offsets, out + 1));
  }

  /**
   * The continuation-byte ranges of well-formed UTF-8 (no overlongs, no surrogates, nothing above
   * U+10FFFF).
   */
  private static boolean secondByteAllowed(int lead, int index, int next) {
    if (index != 0) {
      return true;
    }
    return switch (lead) {
      case 0xE0 -> next >= 0xA0;
      case 0xED -> next <= 0x9F;
      case 0xF0 -> next >= 0x90;
      case 0xF4 -> next <= 0x8F;
      default -> true;
    };
  }

  /** The decoded characters; only the first {@link #length()} are meaningful. */
  char[] chars() {
    return chars;
  }

  public int length() {
    return length;
  }

  /** The original bytes of the file (not a copy: do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  /** The byte offset in the original file where decoded character {@code charIndex} starts. */
  public int byteOffset(int charIndex) {
    return offsets == null ? charIndex : offsets[charIndex];
  }

  /** The decoded text (universal newlines applied). */
  public String text() {
    return new String(chars, 0, length);
  }
}
