package io.pryv.migration.verify.check;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.verify.api.ApiConnector;
import io.pryv.migration.verify.api.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code check}: re-reads dest and compares it with a seed manifest or snapshot ({@link Checker}).
 */
public final class CheckVerb {
  /** Each account's comparison; closing it removes their temporary files (once printed). */
  public record Report(List<AccountReport> accounts) implements VerbReport, AutoCloseable {
    /** Any difference is exit 1. */
    @Override
    public ExitCode exitCode() {
      return accounts.stream().allMatch(AccountReport::identical)
          ? ExitCode.OK
          : ExitCode.DIFFERENCE;
    }

    @Override
    public void close() throws IOException {
      Checker.cleanUp(accounts);
    }
  }

  private final ApiConnector connector;
  private final Tokens tokens;
  private final int pageSize;
  private final boolean downloadAttachments;

  public CheckVerb(
      ApiConnector connector, Tokens tokens, int pageSize, boolean downloadAttachments) {
    this.connector = connector;
    this.tokens = tokens;
    this.pageSize = pageSize;
    this.downloadAttachments = downloadAttachments;
  }

  /**
   * @param users the accounts to check, or empty for every account of the file
   */
  public Report run(Path against, List<String> users, int concurrency)
      throws IOException, InterruptedException {
    // the temporary buckets go to the system's temp folder, or beside the file when it is not
    // writable
    Path work = against.toAbsolutePath().getParent();
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    Checker checker =
        new Checker(
            user -> connector.account(user, tokens.require(user)),
            pageSize,
            downloadAttachments,
            Files.isWritable(temp) ? temp : work);
    return new Report(checker.check(against, new LinkedHashSet<>(users), concurrency));
  }
}
