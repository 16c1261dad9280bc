package io.pryv.migration.platformyml.yaml;

import io.pryv.migration.common.ToolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The exact bytes of a YAML file and their text. SnakeYAML marks count code points from the first
 * character of the text (a UTF-8 BOM included), so {@link #byteOffset} turns a mark index back into
 * a byte offset for splicing.
 */
public final class YamlText {
  /** Hostile-input bound: a platform.yml is ~25 KB; nothing legitimate comes close to this. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private final String name;
  private final byte[] bytes;
  private final String text;

  private YamlText(String name, byte[] bytes, String text) {
    this.name = name;
    this.bytes = bytes;
    this.text = text;
  }

  /** Decodes strict UTF-8 (with or without BOM); anything else is bad input. */
  public static YamlText of(String name, byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw ToolException.badInput(
          name
              + ": "
              + bytes.length
              + " bytes is larger than the "
              + MAX_BYTES
              + " bytes this tool accepts for a YAML file");
    }
    if (startsWith(bytes, 0xFE, 0xFF)
        || startsWith(bytes, 0xFF, 0xFE)
        || startsWith(bytes, 0x00, 0x00)) {
      throw ToolException.badInput(
          name + ": UTF-16/UTF-32 files are not supported; convert it to UTF-8");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return new YamlText(name, bytes.clone(), decoder.decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      throw ToolException.badInput(name + ": not valid UTF-8 (" + e.getMessage() + ")");
    }
  }

  private static boolean startsWith(byte[] bytes, int first, int second) {
    return bytes.length >= 2 && (bytes[0] & 0xFF) == first && (bytes[1] & 0xFF) == second;
  }

  public String name() {
    return name;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String text() {
    return text;
  }

  /** The UTF-16 index in {@link #text()} of a code point index. */
  public int charIndex(int codePointIndex) {
    return text.offsetByCodePoints(0, codePointIndex);
  }

  /**
   * The byte offset in {@link #bytes()} of a code point index (SnakeYAML's {@code
   * Mark.getIndex()}).
   */
  public int byteOffset(int codePointIndex) {
    return byteOffsetOfChar(charIndex(codePointIndex));
  }

  /** The byte offset in {@link #bytes()} of a UTF-16 index in {@link #text()}. */
  public int byteOffsetOfChar(int chars) {
    int offset = 0;
    for (int i = 0; i < chars; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        offset += 1;
      } else if (c < 0x800) {
        offset += 2;
      } else if (Character.isHighSurrogate(c)) {
        offset += 4;
        i++;
      } else {
        offset += 3;
      }
    }
    return offset;
  }

  /** The line break the file uses: CRLF when its first line break is CRLF, else LF. */
  public String lineBreak() {
    int lf = text.indexOf('\n');
    return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
  }
}
