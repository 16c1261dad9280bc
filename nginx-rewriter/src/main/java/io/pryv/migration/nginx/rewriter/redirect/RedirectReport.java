package io.pryv.migration.nginx.rewriter.redirect;

import java.util.List;
import java.util.Map;

/**
 * What a redirect changes: the new text of every file of the tree, and the facts the user is told.
 */
record RedirectReport(
    String target,
    Map<SourceFile, String> results,
    List<UpstreamChange> upstreams,
    List<ProxyPassChange> proxyPasses,
    List<SslAddition> sslAdditions,
    List<String> warnings) {}
