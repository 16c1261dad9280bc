package io.pryv.migration.dockerops.influx;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.dockerops.files.MoveAside;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code influx-backup}: counts series and points per database (two influx runs: the database list,
 * then every database), moves an earlier backup aside, runs {@code influxd backup -portable},
 * counts again (one run: the list and the counts together; unchanged, or the source was not
 * frozen), checks that the backup's manifests list every database and that every listed file is
 * there with its size, and writes the counts into the backup folder for the restore.
 */
public final class InfluxBackup {

  public record Report(
      boolean dryRun,
      String backupFolder,
      Optional<String> movedAsideTo,
      String countsFile,
      int files,
      long bytes,
      SortedMap<String, InfluxCounter.Counts> databases)
      implements VerbReport {}

  private final InfluxContext context;

  public InfluxBackup(InfluxContext context) {
    this.context = context;
  }

  public List<String> backupCommand() {
    return context.influxd("backup", List.of());
  }

  public Report run() throws IOException {
    boolean dryRun = context.runner().dryRun();
    String folder = context.backupOnHost();
    if (!context.files().isDirectory(folder)) {
      throw ToolException.badInput(
          "backup folder "
              + folder
              + context.runner().where()
              + " does not exist"
              + " (the host side of the container's /pryv/backup mount; check --conf-root / --influx-backup-host)");
    }
    MoveAside moveAside = new MoveAside(context.files(), context.clock(), context.log());
    if (dryRun) {
      Optional<String> aside = moveAside.moveAside(folder, true);
      context
          .log()
          .println(
              "would count series and points of every database in one run, before and after: "
                  + io.pryv.migration.dockerops.exec.ShellQuote.join(
                      context
                          .cli()
                          .command(
                              Optional.empty(),
                              "SHOW DATABASES; " + InfluxCounter.statementsFor("DB") + "; ...")));
      context.runner().run(backupCommand());
      context.log().println("would check the backup's manifest and write " + context.countsPath());
      return new Report(true, folder, aside, context.countsPath(), 0, 0, new TreeMap<>());
    }
    InfluxCounter counter = new InfluxCounter(context.cli());
    // counting first proves influxd answers before anything is moved: nothing changes on that error
    SortedMap<String, InfluxCounter.Counts> before = counter.countAll();
    Optional<String> aside = moveAside.moveAside(folder, false);
    context.runner().echo(context.runner().run(backupCommand()));
    InfluxCounter.Snapshot again = counter.count(before.keySet());
    SortedMap<String, InfluxCounter.Counts> after = again.counts();
    List<String> changed =
        new ArrayList<>(InfluxCounter.differences(before, after, "the database after the backup"));
    if (!again.databases().equals(List.copyOf(before.keySet()))) {
      changed.add("databases before " + before.keySet() + ", after " + again.databases());
    }
    if (!changed.isEmpty()) {
      throw new ToolException(
          ExitCode.DIFFERENCE,
          "InfluxDB changed while it was backed up (was the source frozen?"
              + " docker-ops stop pryvio_nginx or nginx-rewriter freeze): "
              + String.join("; ", changed));
    }
    InfluxBackupFolder.Contents contents = new InfluxBackupFolder(context.files(), folder).verify();
    List<String> missing = new ArrayList<>();
    for (var entry : after.entrySet()) {
      if (entry.getValue().points() > 0 && !contents.databases().contains(entry.getKey())) {
        missing.add(entry.getKey() + " (" + entry.getValue().points() + " points)");
      }
    }
    if (!missing.isEmpty()) {
      throw new ToolException(
          ExitCode.DIFFERENCE,
          "the InfluxDB backup in " + folder + " has no shard for: " + String.join(", ", missing));
    }
    InfluxCountsFile counts =
        new InfluxCountsFile(
            InfluxCountsFile.FORMAT,
            "docker-ops",
            context.clock().instant().toString(),
            folder,
            contents.manifests(),
            contents.files(),
            contents.bytes(),
            after);
    counts.write(context.files(), context.countsPath());
    return new Report(
        false, folder, aside, context.countsPath(), contents.files(), contents.bytes(), after);
  }
}
