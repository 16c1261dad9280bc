package io.pryv.migration.nginx.conf.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

  private static List<Token> lex(String text) {
    return Lexer.lexOrThrow(SourceText.decode(text.getBytes(StandardCharsets.UTF_8)), "test.conf");
  }

  private static List<String> texts(String text) {
    return lex(text).stream().map(Token::text).toList();
  }

  /** The original bytes a token covers. */
  private static String span(byte[] bytes, Token token) {
    return new String(
        Arrays.copyOfRange(bytes, token.offset(), token.end()), StandardCharsets.UTF_8);
  }

  @Test
  void everyTokenSpansItsOriginalBytesEvenWithCrlfTabsAndMultibyteText() {
    String text =
        "# café\r\nserver {\r\n\tlisten  443;\r\n\tadd_header X-Ünïcode \"a \\\"q\\\" b\";\r\n}\r\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Token> tokens = Lexer.lexOrThrow(SourceText.decode(bytes), "t.conf");
    assertEquals(
        List.of(
            "# café",
            "server",
            "{",
            "listen",
            "443",
            ";",
            "add_header",
            "X-Ünïcode",
            "\"a \\\"q\\\" b\"",
            ";",
            "}"),
        tokens.stream().map(t -> span(bytes, t)).toList());
    assertEquals(
        List.of(
            "# café",
            "server",
            "{",
            "listen",
            "443",
            ";",
            "add_header",
            "X-Ünïcode",
            "a \"q\" b",
            ";",
            "}"),
        tokens.stream().map(Token::text).toList());
    assertEquals(
        List.of(1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5), tokens.stream().map(Token::line).toList());
  }

  @Test
  void quotesEscapesAndVariablesLexLikeCrossplane() {
    assertEquals(List.of("a", "b c", ";"), texts("a 'b c';"));
    assertEquals(
        List.of("x", "\\#not-comment", "${var[@]}", ";"), texts("x \\#not-comment ${var[@]};"));
    // a quote opens a string only at the start of a token: crossplane splits "x") into x and )
    assertEquals(List.of("if", "($a", "~", "x", ")", "{", "}"), texts("if ($a ~ \"x\") {}"));
    assertEquals(List.of("a", "b'c'", ";"), texts("a b'c';"));
    assertEquals(List.of("key", "#comment", "val", ";"), texts("key #comment\n val;"));
    assertEquals(List.of("a", "b#c", ";"), texts("a b#c;"));
  }

  @Test
  void unfinishedTokensAtTheEndAreDroppedAsCrossplaneDoes() {
    assertEquals(List.of("a", ";"), texts("a; b"));
    assertEquals(List.of("a", ";"), texts("a; \"open quote"));
    assertEquals(List.of("a", ";"), texts("a; # comment without newline"));
  }

  @Test
  void luaBlocksAreOneQuotedTokenFollowedByASemicolon() {
    List<Token> tokens =
        lex("content_by_lua_block {\n  ngx.say(\"}\") -- a } in a comment\n}\nnext;");
    assertEquals(
        List.of(
            "content_by_lua_block", "\n  ngx.say(\"}\") -- a } in a comment\n", ";", "next", ";"),
        tokens.stream().map(Token::text).toList());
    assertEquals(true, tokens.get(1).quoted());
  }

  @Test
  void unbalancedBracesAreSyntaxErrorsWithFileAndLine() {
    NgxSyntaxError extra = assertThrows(NgxSyntaxError.class, () -> lex("a {\n}\n}\n"));
    assertEquals("unexpected \"}\" in test.conf:3", extra.getMessage());
    NgxSyntaxError missing = assertThrows(NgxSyntaxError.class, () -> lex("a {\nb;\n"));
    assertEquals("unexpected end of file, expecting \"}\" in test.conf:2", missing.getMessage());
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersButKeepsByteSpans() {
    byte[] bytes = {'a', ' ', (byte) 0xE9, 't', (byte) 0xE9, ';'};
    List<Token> tokens = Lexer.lexOrThrow(SourceText.decode(bytes), "latin1.conf");
    assertEquals("\uFFFDt\uFFFD", tokens.get(1).text());
    assertEquals(2, tokens.get(1).offset());
    assertEquals(3, tokens.get(1).length());
    assertEquals(5, tokens.get(2).offset());
  }
}
