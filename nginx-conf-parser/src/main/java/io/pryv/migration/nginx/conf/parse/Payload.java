package io.pryv.migration.nginx.conf.parse;

import java.util.List;

/**
 * crossplane's parse payload: {@code status}, {@code errors} (with {@code file}), {@code config}.
 */
public record Payload(String status, List<ParseError> errors, List<ConfigFile> config) {

  public boolean ok() {
    return "ok".equals(status);
  }
}
