package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.transfer.check.TreeComparison;
import io.pryv.migration.transfer.engine.TransferReport;
import io.pryv.migration.transfer.manifest.Manifest;
import java.nio.file.Path;
import java.util.Optional;

/** The reports of backup-transfer's verbs, with the exit code each means. */
final class BackupTransferReports {
  private BackupTransferReports() {}

  /** push, pull, copy: entries it could not copy (dangling links, special files) are exit 1. */
  record Transferred(TransferReport report, boolean delete) implements VerbReport {
    @Override
    public ExitCode exitCode() {
      return report.skipped().isEmpty() ? ExitCode.OK : ExitCode.DIFFERENCE;
    }
  }

  /** check: any missing, extra or different entry is exit 1. */
  record Compared(TreeComparison.Report report) implements VerbReport {
    @Override
    public ExitCode exitCode() {
      return report.identical() ? ExitCode.OK : ExitCode.DIFFERENCE;
    }
  }

  /**
   * manifest: the document, and the file it was written to with {@code -o} (then nothing goes to
   * stdout).
   */
  record Manifested(Manifest.Document manifest, Optional<Path> writtenTo, boolean sha256sumFormat)
      implements VerbReport {}
}
