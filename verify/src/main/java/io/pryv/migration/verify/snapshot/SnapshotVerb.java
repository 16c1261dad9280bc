package io.pryv.migration.verify.snapshot;

import io.pryv.migration.common.VerbReport;
import io.pryv.migration.verify.api.ApiConnector;
import io.pryv.migration.verify.api.Tokens;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** {@code snapshot}: fingerprints whole accounts into one snapshot file ({@link Snapshotter}). */
public final class SnapshotVerb {
  /** The file written and what each account held. */
  public record Report(Path snapshot, List<Snapshotter.AccountResult> accounts)
      implements VerbReport {}

  private final ApiConnector connector;
  private final Tokens tokens;
  private final Clock clock;
  private final Settling settling;
  private final int pageSize;
  private final boolean downloadAttachments;

  public SnapshotVerb(
      ApiConnector connector,
      Tokens tokens,
      Clock clock,
      Settling settling,
      int pageSize,
      boolean downloadAttachments) {
    this.connector = connector;
    this.tokens = tokens;
    this.clock = clock;
    this.settling = settling;
    this.pageSize = pageSize;
    this.downloadAttachments = downloadAttachments;
  }

  public Report run(String api, List<String> users, Path out, int concurrency)
      throws IOException, InterruptedException {
    users.forEach(tokens::require);
    Snapshotter snapshotter =
        new Snapshotter(
            user -> connector.account(user, tokens.require(user)),
            pageSize,
            downloadAttachments,
            settling,
            clock);
    return new Report(
        out, snapshotter.write(out, api, "snapshot", users, Scope.wholeAccount(), concurrency));
  }
}
