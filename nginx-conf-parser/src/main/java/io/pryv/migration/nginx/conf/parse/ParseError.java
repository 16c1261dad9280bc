package io.pryv.migration.nginx.conf.parse;

/**
 * An error as crossplane records it: in a config entry {@code {error, line}}, in the payload's list also with
 * {@code file} (and {@code callback} with {@code --tb-onerror}).
 *
 * @param file the file name as crossplane names it (null in a config entry's own list)
 * @param line the line, or null when crossplane has none
 * @param callback the description of the exception, only with {@code --tb-onerror}
 */
public record ParseError(String file, String error, Integer line, String callback) {}
