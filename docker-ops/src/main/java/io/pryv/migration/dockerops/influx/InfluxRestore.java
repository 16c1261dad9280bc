package io.pryv.migration.dockerops.influx;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.dockerops.exec.ShellQuote;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code influx-restore}: checks the backup folder (manifest files and our counts), refuses with
 * the documented way around when a database of the backup already exists on dest (influxd restore
 * -portable would refuse it with a bare error), runs {@code influxd restore -portable}, then polls
 * until every database answers with the counted series and points (right after a restore a shard
 * can answer "shard is disabled" for a moment).
 */
public final class InfluxRestore {

  public record Report(
      boolean dryRun,
      String backupFolder,
      List<String> dropped,
      SortedMap<String, InfluxCounter.Counts> expected,
      SortedMap<String, InfluxCounter.Counts> restored)
      implements VerbReport {}

  private static final Duration POLL = Duration.ofMillis(250);

  private final InfluxContext context;
  private final Duration settle;
  private final boolean drop;

  /**
   * @param settle how long to wait for the restored databases to answer with the expected counts
   * @param drop drop each database of the backup that already exists before restoring (dest must
   *     equal the backup: a re-run after a partial restore replaces what the earlier attempt wrote)
   */
  public InfluxRestore(InfluxContext context, Duration settle, boolean drop) {
    this.context = context;
    this.settle = settle;
    this.drop = drop;
  }

  public List<String> restoreCommand() {
    return context.influxd("restore", List.of());
  }

  public Report run() throws IOException, InterruptedException {
    String folder = context.backupOnHost();
    InfluxCountsFile counts = InfluxCountsFile.read(context.files(), context.countsPath());
    new InfluxBackupFolder(context.files(), folder).verify();
    if (context.runner().dryRun()) {
      context
          .log()
          .println("backup verified: " + counts.databases().size() + " databases in " + folder);
      context
          .log()
          .println(
              drop
                  ? "would drop whichever of " + counts.databases().keySet() + " exists already"
                  : "would check that none of " + counts.databases().keySet() + " exists yet");
      context.runner().run(restoreCommand());
      context
          .log()
          .println(
              "would count series and points per database and compare with "
                  + context.countsPath());
      return new Report(true, folder, List.of(), counts.databases(), new TreeMap<>());
    }
    List<String> existing = new ArrayList<>(context.cli().databases());
    existing.retainAll(counts.databases().keySet());
    if (drop) {
      for (String database : existing) {
        context
            .log()
            .println("--drop: dropping database " + database + " (the backup replaces it)");
      }
      // all of them in one influx run
      for (List<String> batch :
          InfluxCli.batches(
              existing, InfluxRestore::dropStatement, InfluxCli.MAX_STATEMENTS_CHARS)) {
        if (!batch.isEmpty()) {
          context
              .cli()
              .query(
                  Optional.empty(),
                  String.join("; ", batch.stream().map(InfluxRestore::dropStatement).toList()));
        }
      }
    } else if (!existing.isEmpty()) {
      throw ToolException.environment(
          "InfluxDB"
              + context.runner().where()
              + " already has database(s) "
              + String.join(", ", existing)
              + "; influxd restore -portable refuses to overwrite a database. "
              + wayAround(existing.get(0))
              + " Or, when dest must equal the source and holds nothing else worth"
              + " keeping: influx-restore --drop (drops each of them, then restores).");
    }
    context.runner().echo(context.runner().run(restoreCommand()));
    return new Report(
        false,
        folder,
        drop ? existing : List.of(),
        counts.databases(),
        awaitCounts(counts.databases()));
  }

  /**
   * The way around documented by InfluxData: restore under a new name, copy into the existing one,
   * drop the copy.
   */
  String wayAround(String database) {
    String temp = database + "_restored";
    List<String> restore = context.influxd("restore", List.of("-db", database, "-newdb", temp));
    String copy =
        "SELECT * INTO "
            + InfluxCli.identifier(database)
            + "..:MEASUREMENT FROM "
            + InfluxCli.identifier(temp)
            + "../.*/ GROUP BY *";
    List<String> select = context.cli().command(Optional.empty(), copy);
    List<String> drop = context.cli().command(Optional.empty(), dropStatement(temp));
    return "The documented way around, for each such database (here "
        + database
        + "): restore it under a new"
        + " name: "
        + ShellQuote.join(restore)
        + " ; copy its points into the existing database: "
        + ShellQuote.join(select)
        + " (right after the restore InfluxDB may answer 'engine is closed' or count"
        + " nothing for a few seconds: first check that the copy holds the points of the backup's counts file, then"
        + " run it) ; then, once the existing database shows those points, drop the copy: "
        + ShellQuote.join(drop)
        + " .";
  }

  private static String dropStatement(String database) {
    return "DROP DATABASE " + InfluxCli.identifier(database);
  }

  private SortedMap<String, InfluxCounter.Counts> awaitCounts(
      SortedMap<String, InfluxCounter.Counts> expected) throws InterruptedException {
    InfluxCounter counter = new InfluxCounter(context.cli());
    Instant deadline = context.clock().instant().plus(settle);
    String last = "";
    while (true) {
      try {
        // every database in one influx run per poll
        SortedMap<String, InfluxCounter.Counts> got = counter.count(expected.keySet()).counts();
        List<String> differences =
            InfluxCounter.differences(expected, got, "the restored database");
        if (differences.isEmpty()) {
          return got;
        }
        last = String.join("; ", differences);
      } catch (InfluxCli.InfluxQueryException e) {
        last = e.getMessage(); // "shard is disabled" right after the restore: ask again
      }
      if (context.clock().instant().isAfter(deadline)) {
        throw new ToolException(
            ExitCode.DIFFERENCE,
            "after the restore, InfluxDB"
                + context.runner().where()
                + " does not hold what the backup counted (waited "
                + settle.toSeconds()
                + " s): "
                + last);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
