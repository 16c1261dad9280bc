package io.pryv.migration.nginx.rewriter.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarksTest {

  @Test
  void originalDropsAddedLinesAndUncommentsOldOnesKeepingIndentationAndLineEndings() {
    String redirected =
        "upstream a {\r\n"
            + "\tserver 10.0.0.2:443;"
            + Marks.ADDED
            + "\r\n"
            + "\t"
            + Marks.WAS
            + "server a:1 weight=2;\r\n"
            + "  "
            + Marks.WAS
            + "server a:2; # second\r\n"
            + "}\r\n";
    assertEquals(
        "upstream a {\r\n\tserver a:1 weight=2;\r\n  server a:2; # second\r\n}\r\n",
        Marks.original(redirected));
  }

  @Test
  void originalHandlesALastLineWithoutNewline() {
    assertEquals(
        "x;\n  server a:1;",
        Marks.original("x;\n  server b:2;" + Marks.ADDED + "\n  " + Marks.WAS + "server a:1;"));
    assertEquals("x;\n", Marks.original("x;\nserver b:2;" + Marks.ADDED));
  }

  @Test
  void textWithoutMarksIsItsOwnOriginal() {
    String text =
        "# a comment with was: and added in it\n\tlocation / { proxy_pass http://x/; }\r\n\n";
    assertEquals(text, Marks.original(text));
    assertFalse(Marks.present(text));
  }

  @Test
  void onlyAMarkAfterTheIndentationIsTakenOut() {
    String text = "  proxy_set_header X " + Marks.WAS + "y;\n";
    assertEquals(text, Marks.original(text));
    assertTrue(Marks.present(text));
  }

  @Test
  void bytesRoundTripThroughTextUnchanged() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    assertEquals(
        new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1),
        Marks.text(Marks.bytes(Marks.text(bytes))));
  }
}
