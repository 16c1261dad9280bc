package io.pryv.migration.nginx.rewriter.redirect;

/** A proxy_pass switched to https without URI part. */
public record ProxyPassChange(String file, int line, String from, String to) {}
