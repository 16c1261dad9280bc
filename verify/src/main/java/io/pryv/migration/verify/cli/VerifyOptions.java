package io.pryv.migration.verify.cli;

import io.pryv.migration.verify.http.ResolveRule;
import java.nio.file.Path;
import java.util.List;

/** Everything a verify command needs, parsed and checked. Secrets are not here: only where to read them. */
public record VerifyOptions(
    Command command,
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
    boolean json,
    boolean verbose) {

  /** The verbs. */
  public enum Command { SEED, SNAPSHOT, CHECK, HEALTH, HELP, VERSION }

  public VerifyOptions {
    users = List.copyOf(users);
    resolve = List.copyOf(resolve);
    caCertificates = List.copyOf(caCertificates);
  }
}
