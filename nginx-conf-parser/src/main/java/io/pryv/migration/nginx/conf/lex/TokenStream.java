package io.pryv.migration.nginx.conf.lex;

import java.util.List;

/**
 * The tokens of one file, consumed in order by the parser. crossplane lexes lazily, so an error it
 * finds part way (an unbalanced brace, a broken Lua block) surfaces only when the parser asks for
 * the token where it occurred: this stream replays that, throwing the lexer's error after the
 * tokens that came before it.
 */
public final class TokenStream {
  /** Thrown when the parser asks for a token past the end (Python's {@code StopIteration}). */
  public static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super("", null, false, false);
    }
  }

  private final List<Token> tokens;
  private final RuntimeException pendingError;
  private int next;

  TokenStream(List<Token> tokens, RuntimeException pendingError) {
    this.tokens = tokens;
    this.pendingError = pendingError;
  }

  public boolean hasNext() {
    if (next < tokens.size()) {
      return true;
    }
    if (pendingError != null) {
      throw pendingError;
    }
    return false;
  }

  /** The next token; at the end the lexer's pending error, or {@link Exhausted}. */
  public Token next() {
    if (!hasNext()) {
      throw new Exhausted();
    }
    return tokens.get(next++);
  }

  /** Every token the lexer produced (without the pending error). */
  public List<Token> tokens() {
    return tokens;
  }

  /** The error that stopped the lexer, or null. */
  public RuntimeException pendingError() {
    return pendingError;
  }
}
