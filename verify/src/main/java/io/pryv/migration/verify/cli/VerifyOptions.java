package io.pryv.migration.verify.cli;

import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.verify.http.ResolveRule;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a verify command needs, parsed and checked. Secrets are not here: only where to read
 * them. {@code help}/{@code version} short-circuit the rest (no verb then).
 */
public record VerifyOptions(
    boolean help,
    boolean version,
    VerifyVerb verb,
    String api,
    List<String> users,
    Path tokenFile,
    List<ResolveRule> resolve,
    List<Path> caCertificates,
    boolean insecure,
    int concurrency,
    int retries,
    int timeoutSeconds,
    int pageSize,
    boolean downloadAttachments,
    Path out,
    Path tokenOut,
    Path against,
    String runId,
    int seriesPoints,
    java.time.Duration settle,
    java.time.Duration healthWait,
    boolean json,
    boolean verbose)
    implements ToolRoot.Parsed {

  public VerifyOptions {
    users = List.copyOf(users);
    resolve = List.copyOf(resolve);
    caCertificates = List.copyOf(caCertificates);
  }

  /** verify has no deprecated spelling. */
  @Override
  public List<String> warnings() {
    return List.of();
  }
}
