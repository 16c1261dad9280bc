package io.pryv.migration.nginx.conf.parse;

import io.pryv.migration.nginx.conf.lex.NgxSyntaxError;

/**
 * crossplane's {@code NgxParserDirectiveError} (unknown directive, not allowed here, wrong
 * arguments): caught by the parser, which records it and goes on, unless errors are not caught.
 */
public final class DirectiveError extends NgxSyntaxError {
  private static final long serialVersionUID = 1L;

  public DirectiveError(String reason, String file, int line) {
    super(reason, file, line);
  }
}
