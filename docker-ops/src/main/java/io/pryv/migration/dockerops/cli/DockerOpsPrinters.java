package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.ToolRoot.TextPrinter;
import io.pryv.migration.dockerops.containers.ContainerState;
import io.pryv.migration.dockerops.containers.ContainersReport;
import io.pryv.migration.dockerops.influx.InfluxBackup;
import io.pryv.migration.dockerops.influx.InfluxCounter;
import io.pryv.migration.dockerops.influx.InfluxRestore;
import io.pryv.migration.dockerops.mongo.MongoDump;
import io.pryv.migration.dockerops.mongo.MongoDumpCheck;
import io.pryv.migration.dockerops.mongo.MongoRestore;
import io.pryv.migration.dockerops.permissions.EnsurePermissions;
import java.io.PrintStream;
import java.util.SortedMap;

/**
 * The text of each docker-ops report ({@code --json} prints the report record). A dry run prints
 * nothing on stdout: its plan went to stderr as it was made.
 */
final class DockerOpsPrinters {
  private DockerOpsPrinters() {}

  static final TextPrinter<ContainersReport> CONTAINERS =
      new TextPrinter<>() {
        @Override
        public void text(ContainersReport report, PrintStream out) {
          if (report.planOnly()) {
            return;
          }
          out.printf("%-24s %-10s %-28s %s%n", "CONTAINER", "STATE", "STATUS", "IMAGE");
          for (ContainerState s : report.containers()) {
            out.printf("%-24s %-10s %-28s %s%n", s.name(), s.state(), s.status(), s.image());
          }
        }

        @Override
        public void json(ContainersReport report, PrintStream out) {
          if (!report.planOnly()) {
            JsonOutput.write(report.containers(), out);
          }
        }
      };

  static final TextPrinter<MongoDump.Report> MONGO_DUMP =
      (report, out) -> {
        if (report.dryRun()) {
          return;
        }
        report.movedAsideTo().ifPresent(a -> out.println("earlier dump moved aside to " + a));
        counts(report.dumpCounts(), out);
        out.println("live documents counted with " + report.liveCountedBy());
        out.println(
            "dump of "
                + report.database()
                + " verified: "
                + report.totalDocuments()
                + " documents in "
                + report.dumpCounts().size()
                + " collections, live = dump; manifest "
                + report.manifest());
      };

  static final TextPrinter<MongoRestore.Report> MONGO_RESTORE =
      (report, out) -> {
        if (report.dryRun()) {
          return;
        }
        counts(report.restored(), out);
        out.println("live documents counted with " + report.liveCountedBy());
        out.println(
            report
                .existingBefore()
                .map(
                    before ->
                        "documents on dest before the restore: "
                            + before.values().stream().mapToLong(Long::longValue).sum())
                .orElse("documents on dest before the restore: " + report.existingBeforeCounted()));
        out.println(
            "restore of "
                + report.database()
                + " verified: every collection holds the "
                + report.expected().values().stream().mapToLong(Long::longValue).sum()
                + " documents of the dump manifest"
                + (report.drop() ? " (--drop)" : ""));
      };

  /**
   * A dump that differs from its manifest is the error line (exit 1); with --json, the report says
   * it.
   */
  static final TextPrinter<MongoDumpCheck.Report> MONGO_CHECK =
      (report, out) -> {
        String counted =
            report.totalDocuments()
                + " documents in "
                + report.dumpCounts().size()
                + " collections";
        String differences = String.join("; ", report.differences());
        switch (report.outcome()) {
          case DRY_RUN -> {
            return;
          }
          case DIFFERS ->
              throw new ToolException(
                  ExitCode.DIFFERENCE,
                  "the dump in "
                      + report.dumpFolder()
                      + " does not match its manifest "
                      + report.manifest()
                      + " (incomplete or mixed copy? copy the dump"
                      + " folder and its manifest again): "
                      + differences);
          case MANIFEST_DISAGREES ->
              throw new ToolException(
                  ExitCode.DIFFERENCE,
                  report.manifest()
                      + " already exists and disagrees with the dump files in "
                      + report.dumpFolder()
                      + ", so it was not"
                      + " replaced: "
                      + differences
                      + ". If the files are the right dump, move the manifest aside and run"
                      + " mongo-check --write-manifest again");
          default -> counts(report.dumpCounts(), out);
        }
        out.println(
            switch (report.outcome()) {
              case MATCHES ->
                  "dump of "
                      + report.database()
                      + " matches its manifest: "
                      + counted
                      + " ("
                      + report.manifest()
                      + ")";
              case MANIFEST_WRITTEN ->
                  "manifest written from the dump files (no live count): "
                      + counted
                      + " in "
                      + report.manifest();
              default ->
                  "the manifest already at "
                      + report.manifest()
                      + " holds the same counts ("
                      + counted
                      + "); left unchanged";
            });
      };

  static final TextPrinter<InfluxBackup.Report> INFLUX_BACKUP =
      (report, out) -> {
        if (report.dryRun()) {
          return;
        }
        report.movedAsideTo().ifPresent(a -> out.println("earlier backup moved aside to " + a));
        influx(report.databases(), out);
        out.println(
            "InfluxDB backup verified: "
                + report.databases().size()
                + " databases, "
                + report.files()
                + " files, "
                + report.bytes()
                + " bytes; counts in "
                + report.countsFile());
      };

  static final TextPrinter<InfluxRestore.Report> INFLUX_RESTORE =
      (report, out) -> {
        if (report.dryRun()) {
          return;
        }
        influx(report.restored(), out);
        out.println(
            "InfluxDB restore verified: "
                + report.restored().size()
                + " databases hold the series and points counted at backup time"
                + (report.dropped().isEmpty()
                    ? ""
                    : " (--drop replaced " + String.join(", ", report.dropped()) + ")"));
      };

  static final TextPrinter<EnsurePermissions.Report> PERMISSIONS =
      (report, out) -> {
        if (!report.dryRun()) {
          out.println("owner " + report.owner() + " set on " + String.join(", ", report.changed()));
        }
      };

  private static void counts(SortedMap<String, Long> counts, PrintStream out) {
    counts.forEach((name, n) -> out.printf("  %-32s %12d%n", name, n));
  }

  private static void influx(SortedMap<String, InfluxCounter.Counts> counts, PrintStream out) {
    counts.forEach(
        (db, c) -> out.printf("  %-32s %8d series %12d points%n", db, c.series(), c.points()));
  }
}
