package io.pryv.migration.nginx.rewriter.redirect;

/** An upstream block re-pointed at the target; {@code servers} old server lines commented out. */
public record UpstreamChange(String name, String file, int line, int servers) {}
