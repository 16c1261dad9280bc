package io.pryv.migration.nginx.rewriter.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineSpanTest {

  @Test
  void aDirectiveAloneOnItsLineHasItsIndentationAndLineEnding() {
    String text = "upstream a {\r\n\t server a:1; # first\r\n}\r\n";
    int start = text.indexOf("server");
    LineSpan span = LineSpan.of(text, start, text.indexOf(';') + 1).orElseThrow();
    assertEquals(text.indexOf('\t'), span.firstLineStart());
    assertEquals("\t ", span.indentation());
    assertEquals("\r\n", span.lineEnding());
    assertEquals(List.of(text.indexOf('\t')), span.lineStarts());
  }

  @Test
  void aDirectiveOverSeveralLinesListsEachLine() {
    String text = "  server a:1\n    weight=2\n    max_fails=3;\n";
    LineSpan span = LineSpan.of(text, 2, text.indexOf(';') + 1).orElseThrow();
    assertEquals(
        List.of(0, text.indexOf("    weight"), text.indexOf("    max_fails")), span.lineStarts());
    assertEquals("\n", span.lineEnding());
  }

  @Test
  void sharedLinesAreRefused() {
    String before = "location / { proxy_pass http://a; }\n";
    int start = before.indexOf("proxy_pass");
    assertTrue(LineSpan.of(before, start, before.indexOf(';') + 1).isEmpty());
    String after = "  proxy_pass http://a; proxy_set_header X y;\n";
    assertTrue(LineSpan.of(after, 2, after.indexOf(';') + 1).isEmpty());
  }

  @Test
  void theLastLineWithoutEndingBorrowsTheFilesFirstEnding() {
    String text = "a;\r\n  server a:1;";
    LineSpan span = LineSpan.of(text, text.indexOf("server"), text.length()).orElseThrow();
    assertEquals("\r\n", span.lineEnding());
  }
}
