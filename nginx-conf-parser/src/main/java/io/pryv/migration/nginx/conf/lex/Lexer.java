package io.pryv.migration.nginx.conf.lex;

import io.pryv.migration.nginx.conf.compat.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * crossplane 0.5.7's lexer, character for character: escapes ({@code \x} is one unit), quotes,
 * comments, {@code ${var}} expansion, the braces and semicolons, the Lua block extension, and the
 * brace balance check. Where crossplane's generators stop silently at the end of the input (an
 * unclosed quote, a comment or a bare token without a final newline), this lexer stops the same
 * way, dropping the unfinished token.
 */
public final class Lexer {
  /**
   * The directives whose block is Lua code, lexed as one quoted argument (crossplane's
   * LuaBlockPlugin).
   */
  public static final Set<String> LUA_BLOCK_DIRECTIVES =
      Set.of(
          "access_by_lua_block",
          "balancer_by_lua_block",
          "body_filter_by_lua_block",
          "content_by_lua_block",
          "header_filter_by_lua_block",
          "init_by_lua_block",
          "init_worker_by_lua_block",
          "log_by_lua_block",
          "rewrite_by_lua_block",
          "set_by_lua_block",
          "ssl_certificate_by_lua_block",
          "ssl_session_fetch_by_lua_block",
          "ssl_session_store_by_lua_block");

  private static final int EOF = -1;

  /** An escape pair ({@code \} and the next char) is encoded as this flag plus the escaped char. */
  private static final int PAIR = 0x10000;

  private final SourceText source;
  private final char[] t;
  private final int n;
  private final String fileName;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int line = 1;
  private int elemStart;
  private int depth;
  private int lastLine;

  private Lexer(SourceText source, String fileName) {
    this.source = source;
    this.t = source.chars();
    this.n = source.length();
    this.fileName = fileName;
  }

  /**
   * Lexes a whole file; errors are kept in the stream, to surface where crossplane would raise
   * them.
   */
  public static TokenStream lex(SourceText source, String fileName) {
    Lexer lexer = new Lexer(source, fileName);
    RuntimeException error = null;
    try {
      lexer.run();
      if (lexer.depth > 0) {
        error =
            new NgxSyntaxError("unexpected end of file, expecting \"}\"", fileName, lexer.lastLine);
      }
    } catch (NgxSyntaxError e) {
      error = e;
    }
    return new TokenStream(lexer.tokens, error);
  }

  /** Lexes a whole file and throws the first error, as crossplane's {@code lex} command does. */
  public static List<Token> lexOrThrow(SourceText source, String fileName) {
    TokenStream stream = lex(source, fileName);
    if (stream.pendingError() != null) {
      throw stream.pendingError();
    }
    return stream.tokens();
  }

  /**
   * The next unit (a char, or an escape pair), or EOF; counts lines like crossplane (after the
   * unit).
   */
  private int advance() {
    if (pos >= n) {
      return EOF;
    }
    elemStart = pos;
    char c = t[pos];
    int e;
    if (c == '\\') {
      if (pos + 1 >= n) {
        pos = n; // a trailing backslash ends crossplane's escape iterator
        return EOF;
      }
      e = PAIR | t[pos + 1];
      pos += 2;
    } else {
      e = c;
      pos++;
    }
    if ((e & 0xFFFF) == '\n') {
      line++;
    }
    return e;
  }

  private void unadvance(int start, int e) {
    pos = start;
    if ((e & 0xFFFF) == '\n') {
      line--;
    }
  }

  private void run() {
    boolean nextIsDirective = true;
    int tokenStart = -1;
    int tokenEnd = -1;
    int tokenLine = 0;
    int e;
    while ((e = advance()) != EOF) {
      if (isSpace(e)) {
        if (tokenStart >= 0) {
          String text = text(tokenStart, tokenEnd);
          emit(text, tokenLine, false, tokenStart, tokenEnd);
          if (nextIsDirective && LUA_BLOCK_DIRECTIVES.contains(text)) {
            if (!lexLuaBlock(text)) {
              return;
            }
          } else {
            nextIsDirective = false;
          }
          tokenStart = -1;
        }
        while (isSpace(e)) {
          e = advance();
          if (e == EOF) {
            return;
          }
        }
      }

      if (tokenStart < 0 && e == '#') {
        int start = elemStart;
        int commentLine = line;
        while ((e & 0xFFFF) != '\n') {
          e = advance();
          if (e == EOF) {
            return;
          }
        }
        emit(text(start, elemStart), commentLine, false, start, elemStart);
        continue;
      }

      if (tokenStart < 0) {
        tokenLine = line;
      }

      if (tokenStart >= 0 && t[tokenEnd - 1] == '$' && e == '{') {
        nextIsDirective = false;
        while (t[tokenEnd - 1] != '}' && !isSpace(e)) {
          tokenEnd = pos;
          e = advance();
          if (e == EOF) {
            return;
          }
        }
      }

      if (e == '"' || e == '\'') {
        if (tokenStart >= 0) {
          tokenEnd = pos;
          continue;
        }
        int quote = e;
        int quoteStart = elemStart;
        e = advance();
        if (e == EOF) {
          return;
        }
        int contentStart = elemStart;
        StringBuilder unescaped = null;
        while (e != quote) {
          if (e == (PAIR | quote)) {
            if (unescaped == null) {
              unescaped = new StringBuilder().append(t, contentStart, elemStart - contentStart);
            }
            unescaped.append((char) quote);
          } else if (unescaped != null) {
            unescaped.append(t, elemStart, pos - elemStart);
          }
          e = advance();
          if (e == EOF) {
            return;
          }
        }
        String text = unescaped != null ? unescaped.toString() : text(contentStart, elemStart);
        emit(text, tokenLine, true, quoteStart, pos);
        if (nextIsDirective && LUA_BLOCK_DIRECTIVES.contains(text)) {
          if (!lexLuaBlock(text)) {
            return;
          }
        } else {
          nextIsDirective = false;
        }
        continue;
      }

      if (e == '{' || e == '}' || e == ';') {
        if (tokenStart >= 0) {
          emit(text(tokenStart, tokenEnd), tokenLine, false, tokenStart, tokenEnd);
          tokenStart = -1;
        }
        emit(e == '{' ? "{" : e == '}' ? "}" : ";", line, false, elemStart, pos);
        nextIsDirective = true;
        continue;
      }

      if (tokenStart < 0) {
        tokenStart = elemStart;
      }
      // Fast path: plain ASCII token characters need none of the checks above (no line change
      // either).
      int p = pos;
      while (p < n) {
        char c = t[p];
        if (c <= ' ' || c >= 0x7F || c == '\\' || c == '"' || c == '\'' || c == '{' || c == '}'
            || c == ';') {
          break;
        }
        p++;
      }
      pos = p;
      tokenEnd = p;
    }
  }

  /**
   * crossplane's LuaBlockPlugin lexer: the whole block as one quoted token then a {@code ;}.
   * Returns false when the input ended inside it (crossplane's generator then stops silently).
   */
  private boolean lexLuaBlock(String directive) {
    int e;
    if (directive.equals("set_by_lua_block")) {
      int argStart = -1;
      int argEnd = -1;
      while (true) {
        e = advance();
        if (e == EOF) {
          return false;
        }
        if (isSpace(e)) {
          if (argStart >= 0) {
            emit(text(argStart, argEnd), line, false, argStart, argEnd);
            break;
          }
          while (isSpace(e)) {
            e = advance();
            if (e == EOF) {
              return false;
            }
          }
        }
        if (argStart < 0) {
          argStart = elemStart;
        }
        argEnd = pos;
      }
    }
    do {
      e = advance();
      if (e == EOF) {
        return false;
      }
    } while (isSpace(e));
    if (e != '{') {
      throw new NgxSyntaxError("expected { to start Lua block", "None", line);
    }
    int blockDepth = 1;
    int contentStart = pos;
    while (true) {
      e = advance();
      if (e == EOF) {
        return false;
      }
      if (e == '-') {
        int dashStart = elemStart;
        int next = advance();
        if (next == EOF) {
          return false;
        }
        if (next == '-') {
          while (next
              != '\n') { // plain equality in the plugin: an escaped newline does not end a comment
            next = advance();
            if (next == EOF) {
              return false;
            }
          }
          e = next;
        } else {
          unadvance(elemStart, next);
          elemStart = dashStart;
        }
      } else if (e == '{') {
        blockDepth++;
      } else if (e == '}') {
        blockDepth--;
      } else if (e == '"' || e == '\'') {
        int quote = e;
        do {
          e = advance();
          if (e == EOF) {
            return false;
          }
        } while (e != quote);
      }
      if (blockDepth == 0) {
        emit(text(contentStart, elemStart), line, true, contentStart, elemStart);
        emit(";", line, false, elemStart, pos);
        return true;
      }
    }
  }

  private void emit(String text, int tokenLine, boolean quoted, int charStart, int charEnd) {
    if (!quoted && text.length() == 1) {
      char c = text.charAt(0);
      if (c == '}') {
        if (--depth < 0) {
          throw new NgxSyntaxError("unexpected \"}\"", fileName, tokenLine);
        }
      } else if (c == '{') {
        depth++;
      }
    }
    int start = source.byteOffset(charStart);
    tokens.add(new Token(text, tokenLine, quoted, start, source.byteOffset(charEnd) - start));
    lastLine = tokenLine;
  }

  private String text(int start, int end) {
    return new String(t, start, end - start);
  }

  /** Python's {@code str.isspace} for one unit (an escape pair is never a space). */
  private static boolean isSpace(int e) {
    return e >= 0 && e < PAIR && PythonText.isSpace(e);
  }
}
