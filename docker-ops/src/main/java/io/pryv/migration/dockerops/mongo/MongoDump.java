package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.dockerops.files.MoveAside;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * {@code mongo-dump}: moves an earlier dump aside, runs mongodump, counts the live documents once
 * (after the dump: one MongoDB shell run) and the documents in the dump's BSON files, and writes
 * the dump manifest. The two counts must be equal: a write to a collection during or after its dump
 * shows as a difference (was the source frozen?), and so does a document the dump lost. Any
 * difference is an error (exit 1) and no manifest is written.
 */
public final class MongoDump {

  /** What happened, for the text and --json reports. */
  public record Report(
      boolean dryRun,
      String database,
      String dumpFolder,
      Optional<String> movedAsideTo,
      String manifest,
      SortedMap<String, Long> liveCounts,
      SortedMap<String, Long> dumpCounts,
      long totalDocuments,
      String liveCountedBy,
      Optional<MongoShell> shell)
      implements VerbReport {

    /** A report without live counts (dry run): nothing was counted, no shell was looked for. */
    public Report(
        boolean dryRun,
        String database,
        String dumpFolder,
        Optional<String> movedAsideTo,
        String manifest,
        SortedMap<String, Long> liveCounts,
        SortedMap<String, Long> dumpCounts,
        long totalDocuments) {
      this(
          dryRun,
          database,
          dumpFolder,
          movedAsideTo,
          manifest,
          liveCounts,
          dumpCounts,
          totalDocuments,
          "not counted",
          Optional.empty());
    }
  }

  private final MongoContext context;

  public MongoDump(MongoContext context) {
    this.context = context;
  }

  public List<String> dumpCommand() {
    List<String> tool =
        new ArrayList<>(List.of(context.commands().layout().mongoTool("mongodump")));
    context.addHostPort(tool);
    tool.addAll(
        List.of(
            "-d",
            context.database(),
            "-o",
            context.commands().layout().mongoBackupForTools() + "/"));
    return context.commands().inMongo(tool);
  }

  public Report run() throws IOException {
    boolean dryRun = context.runner().dryRun();
    String backup = context.backupOnHost();
    String missing = "backup folder " + backup + context.runner().where() + " does not exist";
    String mount =
        "it is the host side of the container's backup mount; check --conf-root / --mongo-backup-host";
    boolean present = context.files().isDirectory(backup);
    if (!present && !dryRun) {
      throw ToolException.badInput(missing + " (" + mount + ")");
    }
    MoveAside moveAside = new MoveAside(context.files(), context.clock(), context.log());
    if (dryRun) {
      // The plan is printed whole even so: a dry run is how the commands are read from another
      // machine.
      Optional<String> aside = Optional.empty();
      if (present) {
        aside = moveAside.moveAside(backup, true);
      } else {
        context
            .log()
            .println(
                missing + " (yet): the real run refuses to start until it does (" + mount + ")");
      }
      context.runner().run(dumpCommand());
      context
          .log()
          .println(
              "would count the live documents of "
                  + context.database()
                  + " with "
                  + context.live().description()
                  + " and the documents in "
                  + context.databaseFolderOnHost()
                  + "/*.bson, compare, and write "
                  + context.manifestPath());
      return new Report(
          true,
          context.database(),
          context.databaseFolderOnHost(),
          aside,
          context.manifestPath(),
          new java.util.TreeMap<>(),
          new java.util.TreeMap<>(),
          0);
    }
    Optional<String> aside = moveAside.moveAside(backup, false);
    context.live().prepare(); // the live count follows the dump
    try {
      context.runner().echo(context.runner().run(dumpCommand()));
    } catch (ToolException e) {
      throw aside
          .map(
              a ->
                  new ToolException(
                      e.exitCode(), e.getMessage() + " (the earlier dump is in " + a + ")", e))
          .orElse(e);
    }
    // One live count, after the dump: equal to the dump's, or something wrote while (or after) it
    // was dumped. The counts before the dump proved nothing more: a write to a collection mongodump
    // had not reached yet is in the dump and in this count alike.
    SortedMap<String, Long> after = context.live().count(context.database());
    SortedMap<String, Long> dumped =
        new DumpFolderCounter(context.files()).count(context.databaseFolderOnHost());
    List<String> differences =
        CountComparison.differences(after, "the live database after the dump", dumped, "the dump");
    if (!differences.isEmpty()) {
      throw new ToolException(
          ExitCode.DIFFERENCE,
          "the dump in "
              + context.databaseFolderOnHost()
              + " does not hold what the live database "
              + context.database()
              + " holds after it (was the source frozen? a write during the dump shows here;"
              + " docker-ops stop pryvio_nginx or nginx-rewriter freeze, then dump again): "
              + String.join("; ", differences));
    }
    DumpManifest manifest =
        new DumpManifest(
            DumpManifest.FORMAT,
            "docker-ops",
            context.clock().instant().toString(),
            context.database(),
            context.databaseFolderOnHost(),
            context.live().description(),
            after,
            dumped,
            CountComparison.total(dumped),
            DumpFileSizes.of(context.files(), context.databaseFolderOnHost()));
    manifest.write(context.files(), context.manifestPath());
    return new Report(
        false,
        context.database(),
        context.databaseFolderOnHost(),
        aside,
        context.manifestPath(),
        after,
        dumped,
        manifest.totalDocuments(),
        context.live().description(),
        context.live().shell());
  }
}
