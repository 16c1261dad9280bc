package io.pryv.migration.platformyml.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ToolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class YamlTextTest {
  @Test
  void codePointIndexToByteOffset() {
    String text = "\uFEFFé😀a";
    YamlText source = YamlText.of("t", text.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, source.byteOffset(0));
    assertEquals(3, source.byteOffset(1)); // after the BOM
    assertEquals(5, source.byteOffset(2)); // after é
    assertEquals(
        9, source.byteOffset(3)); // after the 4-byte emoji (one code point, two UTF-16 units)
    assertEquals(10, source.byteOffset(4));
  }

  @Test
  void onlyUtf8IsAccepted() {
    ToolException bad =
        assertThrows(
            ToolException.class,
            () -> YamlText.of("t", new byte[] {'a', ':', ' ', (byte) 0xC3, '\n'}));
    assertTrue(bad.getMessage().startsWith("t: not valid UTF-8"), bad.getMessage());
    ToolException utf16 =
        assertThrows(
            ToolException.class,
            () -> YamlText.of("t", "\uFEFFa: 1".getBytes(StandardCharsets.UTF_16BE)));
    assertTrue(utf16.getMessage().contains("UTF-16"), utf16.getMessage());
  }

  @Test
  void lineBreakStyle() {
    assertEquals(
        "\r\n", YamlText.of("t", "a: 1\r\nb: 2\r\n".getBytes(StandardCharsets.UTF_8)).lineBreak());
    assertEquals(
        "\n", YamlText.of("t", "a: 1\nb: 2\n".getBytes(StandardCharsets.UTF_8)).lineBreak());
  }
}
