package io.pryv.migration.verify.check;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.snapshot.AccountFingerprinter;
import io.pryv.migration.verify.snapshot.AccountRunner;
import io.pryv.migration.verify.snapshot.AccountSummary;
import io.pryv.migration.verify.snapshot.ItemSink;
import io.pryv.migration.verify.snapshot.Scope;
import io.pryv.migration.verify.snapshot.Settling;
import io.pryv.migration.verify.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code check}: re-reads dest and compares it with a snapshot or a seed manifest. The expected
 * side is spread over bucket files while the file is read, the found side while dest is read, then
 * both are joined bucket by bucket: memory stays flat whatever the account size.
 */
public final class Checker {
  private final Function<String, PryvApi> apiForUser;
  private final int pageSize;
  private final boolean downloadAttachments;
  private final Path workDirectory;

  public Checker(
      Function<String, PryvApi> apiForUser,
      int pageSize,
      boolean downloadAttachments,
      Path workDirectory) {
    this.apiForUser = apiForUser;
    this.pageSize = pageSize;
    this.downloadAttachments = downloadAttachments;
    this.workDirectory = workDirectory;
  }

  private record Expected(
      Scope scope,
      BucketSpill spill,
      Path directory,
      boolean accessesReadable,
      Set<String> unsettledSeries) {}

  /** Checks every account of the file, or only {@code onlyUsers} when not empty. */
  public List<AccountReport> check(Path against, Set<String> onlyUsers, int concurrency)
      throws IOException, InterruptedException {
    Map<String, Expected> expected = new LinkedHashMap<>();
    String[] type = new String[1];
    try {
      type[0] =
          SnapshotReader.read(
              against,
              new SnapshotReader.Visitor() {
                @Override
                public ItemSink begin(SnapshotReader.Section section) {
                  if (!onlyUsers.isEmpty() && !onlyUsers.contains(section.user())) {
                    return item -> {};
                  }
                  if (expected.containsKey(section.user())) {
                    throw ToolException.badInput(
                        against + ": account '" + section.user() + "' appears twice");
                  }
                  try {
                    Path directory = Files.createTempDirectory(workDirectory, "verify-check-");
                    BucketSpill spill = new BucketSpill(directory, "expected");
                    expected.put(
                        section.user(),
                        new Expected(section.scope(), spill, directory, true, Set.of()));
                    return spill;
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }

                @Override
                public void end(SnapshotReader.Section section, SnapshotReader.End end) {
                  Expected entry = expected.get(section.user());
                  if (entry != null) {
                    try {
                      entry.spill().finish();
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                    expected.put(
                        section.user(),
                        new Expected(
                            entry.scope(),
                            entry.spill(),
                            entry.directory(),
                            end.accessesReadable(),
                            end.unsettledSeries()));
                  }
                }
              });
      for (String user : onlyUsers) {
        if (!expected.containsKey(user)) {
          throw ToolException.badInput(against + ": no account '" + user + "' in this file");
        }
      }
      String source = "seed".equals(type[0]) ? "seed manifest" : "snapshot";
      return AccountRunner.run(
          new ArrayList<>(expected.keySet()),
          concurrency,
          user -> checkOne(user, expected.get(user), source, against));
    } finally {
      for (Expected entry : expected.values()) {
        entry.spill().close();
      }
    }
  }

  private AccountReport checkOne(String user, Expected expected, String source, Path against) {
    try (BucketSpill found = new BucketSpill(expected.directory(), "found")) {
      AccountSummary summary =
          new AccountFingerprinter(
                  apiForUser.apply(user), pageSize, downloadAttachments, Settling.none(), user)
              .fingerprint(expected.scope(), found);
      found.finish();
      AccountReport report =
          new AccountReport(user, expected.directory().resolve("differences.jsonl"));
      boolean compareAccesses =
          expected.accessesReadable() && summary.accessesReadable() && expected.scope().whole();
      if (expected.scope().whole() && !compareAccesses) {
        report.note(
            "accesses",
            "accesses not compared: the token may not list them on "
                + (expected.accessesReadable() ? "dest" : "the snapshot's core"));
      }
      new AccountComparison(
              report,
              expected.scope(),
              compareAccesses,
              source,
              against,
              expected.unsettledSeries())
          .run(expected.spill(), found);
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the temporary files of the reports once printed. */
  public static void cleanUp(List<AccountReport> reports) throws IOException {
    for (AccountReport report : reports) {
      Path directory = report.differencesFile().getParent();
      Files.deleteIfExists(report.differencesFile());
      try (var files = Files.list(directory)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(directory);
    }
  }
}
