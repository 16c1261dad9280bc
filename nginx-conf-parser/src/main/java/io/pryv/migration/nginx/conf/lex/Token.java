package io.pryv.migration.nginx.conf.lex;

/**
 * One token as crossplane's lexer yields it ({@code text}, {@code line}, {@code quoted}), plus
 * where it sits in the original file: {@code offset} and {@code length} in bytes. For a quoted
 * token the span includes the quotes; for a comment it starts at {@code #} and stops before the
 * newline; for a Lua block it is the code between the braces. The synthetic {@code ;} that ends a
 * Lua block has the span of the closing brace.
 */
public record Token(String text, int line, boolean quoted, int offset, int length) {

  /** The byte offset just past the token. */
  public int end() {
    return offset + length;
  }

  /** An unquoted {@code {}, {@code }} or {@code ;}. */
  public boolean isDelimiter(char delimiter) {
    return !quoted && text.length() == 1 && text.charAt(0) == delimiter;
  }

  /** An unquoted token starting with {@code #}. */
  public boolean isComment() {
    return !quoted && text.startsWith("#");
  }
}
