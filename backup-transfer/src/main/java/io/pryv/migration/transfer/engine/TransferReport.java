package io.pryv.migration.transfer.engine;

import io.pryv.migration.transfer.plan.Plan;
import java.util.List;

/**
 * What a transfer did (or, with --dry-run, would do); printed as text or as the --json document.
 */
public record TransferReport(
    String command,
    String source,
    String destination,
    boolean dryRun,
    String compare,
    long sourceFiles,
    long sourceBytes,
    long filesSent,
    long bytesSent,
    long linksSent,
    long filesUnchanged,
    long foldersSet,
    Plan.Spooled<String> deleted,
    Plan.Spooled<String> sent,
    List<String> skipped,
    Verification verification,
    double durationSeconds,
    double throughputMiBPerSecond,
    java.util.Map<String, Double> phaseEndSeconds) {

  /**
   * End-to-end check: files whose SHA-256 the receiving side verified before giving them their
   * final name (for a push, the count the far side confirms); {@code ok} only when that is every
   * file sent.
   */
  public record Verification(String algorithm, long filesVerified, String result) {}
}
