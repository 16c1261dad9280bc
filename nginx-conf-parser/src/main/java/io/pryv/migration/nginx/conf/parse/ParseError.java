package io.pryv.migration.nginx.conf.parse;

/**
 * An error as crossplane records it: in a config entry {@code {error, line}}, in the payload's list
 * also with {@code file} (and {@code callback} with {@code --tb-onerror}).
 *
 * @param file the file name as crossplane names it (null in a config entry's own list)
 * @param line the line, or null when crossplane has none
 * @param callback the description of the exception, only with {@code --tb-onerror}
 * @param unreadable for a file that could not be opened, the file and the I/O error (not part of
 *     the payload: callers outside crossplane's format word it themselves), else null
 */
public record ParseError(
    String file, String error, Integer line, String callback, Unreadable unreadable) {

  /** A file that could not be opened: its name as crossplane names it, and why. */
  public record Unreadable(String name, java.io.IOException cause) {}
}
