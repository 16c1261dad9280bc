package io.pryv.migration.nginx.conf.parse;

import io.pryv.migration.nginx.conf.lex.SourceText;
import java.util.List;

/**
 * One parsed file of the payload: {@code file}, {@code status} ({@code ok} or {@code failed}),
 * {@code errors}, {@code parsed}.
 *
 * @param file the name as crossplane writes it (relative names stay relative to where the parse
 *     ran)
 * @param source the file's bytes and decoding, or null when it could not be read or came from JSON
 */
public record ConfigFile(
    String file,
    String status,
    List<ParseError> errors,
    List<Statement> parsed,
    SourceText source) {

  public boolean ok() {
    return "ok".equals(status);
  }
}
