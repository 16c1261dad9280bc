package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolRoot.TextPrinter;
import io.pryv.migration.transfer.check.TreeComparison;
import io.pryv.migration.transfer.engine.TransferReport;
import io.pryv.migration.transfer.manifest.Manifest;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The text of each backup-transfer report; {@code --json} prints the report the verb's engine made.
 */
final class BackupTransferPrinters {
  private BackupTransferPrinters() {}

  /** The summary on stdout; what could not be copied on stderr, with the tool's name. */
  static TextPrinter<BackupTransferReports.Transferred> transferred(PrintStream err) {
    return new TextPrinter<>() {
      @Override
      public void text(BackupTransferReports.Transferred transferred, PrintStream out) {
        TransferReport report = transferred.report();
        if (report.dryRun()) {
          report
              .deleted()
              .forEach(path -> out.println("would delete " + RelativePaths.printable(path)));
          report
              .sent()
              .forEach(path -> out.println("would send   " + RelativePaths.printable(path)));
        }
        report
            .skipped()
            .forEach(
                path ->
                    err.println(
                        BackupTransferTool.NAME
                            + ": skipped "
                            + RelativePaths.printable(path)
                            + " (dangling or looping symbolic link, or special file)"));
        out.println(
            String.format(
                Locale.ROOT,
                "%s %s -> %s: %s %d files (%s), %d links, %d unchanged, %d deleted,"
                    + " %d folders set; %s; %.1f s, %.1f MiB/s",
                report.command(),
                report.source(),
                report.destination(),
                report.dryRun() ? "dry run, would send" : "sent",
                report.filesSent(),
                ProgressDisplay.formatBytes(report.bytesSent()),
                report.linksSent(),
                report.filesUnchanged(),
                report.deleted().size(),
                report.foldersSet(),
                report.dryRun()
                    ? "nothing changed"
                    : "SHA-256 verified for " + report.verification().filesVerified() + " files",
                report.durationSeconds(),
                report.throughputMiBPerSecond()));
        if (!report.skipped().isEmpty()) {
          int skipped = report.skipped().size();
          err.println(
              BackupTransferTool.NAME
                  + ": incomplete: "
                  + skipped
                  + " "
                  + (skipped == 1 ? "entry" : "entries")
                  + " of the source could not be copied (above); the destination lacks "
                  + (skipped == 1 ? "it" : "them")
                  + (transferred.delete()
                      ? "; --delete removed nothing this run, as rsync does after a read error"
                      : "")
                  + " (exit 1)");
        }
      }

      @Override
      public void json(BackupTransferReports.Transferred transferred, PrintStream out) {
        JsonOutput.write(transferred.report(), out);
      }
    };
  }

  static final TextPrinter<BackupTransferReports.Compared> COMPARED =
      new TextPrinter<>() {
        @Override
        public void text(BackupTransferReports.Compared compared, PrintStream out) {
          TreeComparison.Report report = compared.report();
          report
              .missing()
              .forEach(path -> out.println("missing   " + RelativePaths.printable(path)));
          report.extra().forEach(path -> out.println("extra     " + RelativePaths.printable(path)));
          report
              .different()
              .forEach(
                  d ->
                      out.println(
                          "different " + RelativePaths.printable(d.path()) + ": " + d.what()));
          report
              .skippedInSource()
              .forEach(
                  path ->
                      out.println(
                          "skipped   "
                              + RelativePaths.printable(path)
                              + ": in the source, not copyable (dangling or looping symbolic link, or special file)"));
          report
              .skippedInDest()
              .forEach(
                  path ->
                      out.println(
                          "skipped   "
                              + RelativePaths.printable(path)
                              + ": in the destination, not comparable (dangling or looping symbolic link, or special file)"));
          out.println(
              String.format(
                  Locale.ROOT,
                  "check %s vs %s: %d files compared by SHA-256, %d missing, %d extra,"
                      + " %d different, %d skipped: %s",
                  report.source(),
                  report.destination(),
                  report.filesCompared(),
                  report.missing().size(),
                  report.extra().size(),
                  report.different().size(),
                  report.skippedInSource().size() + report.skippedInDest().size(),
                  report.identical() ? "identical" : "DIFFERENT"));
        }

        @Override
        public void json(BackupTransferReports.Compared compared, PrintStream out) {
          JsonOutput.write(compared.report(), out);
        }
      };

  /** A manifest written to a file with -o prints nothing here. */
  static final TextPrinter<BackupTransferReports.Manifested> MANIFESTED =
      new TextPrinter<>() {
        @Override
        public void text(BackupTransferReports.Manifested manifested, PrintStream out) {
          if (manifested.writtenTo().isEmpty()) {
            manifest(manifested.manifest(), false, manifested.sha256sumFormat(), out);
          }
        }

        @Override
        public void json(BackupTransferReports.Manifested manifested, PrintStream out) {
          if (manifested.writtenTo().isEmpty()) {
            manifest(manifested.manifest(), true, false, out);
          }
        }
      };

  /** The manifest as JSON, as sha256sum lines, or as the table. */
  static void manifest(
      Manifest.Document manifest, boolean json, boolean sha256sum, PrintStream print) {
    if (json) {
      JsonOutput.write(manifest, print);
    } else if (sha256sum) {
      Manifest.writeSha256sum(manifest, print);
    } else {
      Manifest.writeTable(manifest, print);
    }
    print.flush();
  }
}
