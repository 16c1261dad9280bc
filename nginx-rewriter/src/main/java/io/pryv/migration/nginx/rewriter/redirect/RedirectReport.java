package io.pryv.migration.nginx.rewriter.redirect;

import java.util.List;
import java.util.Map;

/** What a redirect changes: the new text of every file of the tree, and the facts the user is told. */
public record RedirectReport(
    String target,
    Map<SourceFile, String> results,
    List<UpstreamChange> upstreams,
    List<ProxyPassChange> proxyPasses,
    List<SslAddition> sslAdditions,
    List<String> warnings) {

  /** An upstream block re-pointed at the target; {@code servers} old server lines commented out. */
  public record UpstreamChange(String name, String file, int line, int servers) {}

  /** A proxy_pass switched to https without URI part. */
  public record ProxyPassChange(String file, int line, String from, String to) {}

  /** The ssl directives added to a block (a location, usually). */
  public record SslAddition(String file, int line, String block, List<String> directives) {}
}
