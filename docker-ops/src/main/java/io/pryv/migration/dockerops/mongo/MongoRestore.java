package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.VerbReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * {@code mongo-restore [--drop]}: checks the dump's files against the manifest's names and sizes
 * (an incomplete transfer shows here, before anything is restored); without {@code --drop}, counts
 * the destination first and refuses to restore into a database that already holds documents
 * (mongorestore only inserts: the existing documents would silently stay); runs mongorestore, and
 * compares the destination with the manifest. With {@code --drop} nothing is counted before
 * (mongorestore drops each dumped collection first): one MongoDB shell run in all. A collection on
 * dest that the dump does not have is not dropped by mongorestore and shows in the comparison after
 * the restore (exit 1).
 */
public final class MongoRestore {

  public record Report(
      boolean dryRun,
      String database,
      boolean drop,
      String manifest,
      SortedMap<String, Long> expected,
      Optional<SortedMap<String, Long>> existingBefore,
      String existingBeforeCounted,
      SortedMap<String, Long> restored,
      String liveCountedBy,
      Optional<MongoShell> shell)
      implements VerbReport {}

  /** {@code existingBeforeCounted} with --drop: why dest was not counted before the restore. */
  public static final String NOT_COUNTED_DROP =
      "not counted: --drop replaces the dumped collections (mongorestore drops each one first)";

  private final MongoContext context;
  private final boolean drop;

  public MongoRestore(MongoContext context, boolean drop) {
    this.context = context;
    this.drop = drop;
  }

  public List<String> restoreCommand() {
    List<String> tool =
        new ArrayList<>(List.of(context.commands().layout().mongoTool("mongorestore")));
    context.addHostPort(tool);
    if (drop) {
      tool.add("--drop");
    }
    tool.addAll(
        List.of(
            "--nsInclude",
            context.database() + ".*",
            context.commands().layout().mongoBackupForTools() + "/"));
    return context.commands().inMongo(tool);
  }

  public Report run() throws IOException {
    DumpManifest manifest = DumpManifest.read(context.files(), context.manifestPath());
    if (!manifest.database().equals(context.database())) {
      throw ToolException.badInput(
          context.manifestPath()
              + " is the manifest of database "
              + manifest.database()
              + ", not "
              + context.database());
    }
    checkTheCopy(manifest);
    if (context.runner().dryRun()) {
      context
          .log()
          .println(
              "dump verified against "
                  + context.manifestPath()
                  + ": "
                  + manifest.totalDocuments()
                  + " documents in "
                  + manifest.dumpCounts().size()
                  + " collections");
      if (!drop) {
        context
            .log()
            .println(
                "would count the documents already in "
                    + context.database()
                    + " with "
                    + context.live().description()
                    + " (and stop if there are any: no --drop)");
      }
      context.runner().run(restoreCommand());
      context
          .log()
          .println("would count the restored documents and compare them with the manifest");
      return new Report(
          true,
          context.database(),
          drop,
          context.manifestPath(),
          manifest.dumpCounts(),
          Optional.empty(),
          drop ? NOT_COUNTED_DROP : "not counted: dry run",
          new java.util.TreeMap<>(),
          "not counted",
          Optional.empty());
    }
    Optional<SortedMap<String, Long>> before = Optional.empty();
    if (!drop) {
      SortedMap<String, Long> existing = context.live().count(context.database());
      refuseIfNotEmpty(existing);
      before = Optional.of(existing);
    }
    context.live().prepare(); // the live count follows the restore
    context.runner().echo(context.runner().run(restoreCommand()));
    SortedMap<String, Long> after = context.live().count(context.database());
    List<String> differences =
        CountComparison.differences(
            manifest.dumpCounts(), "the dump manifest", after, "the restored database");
    if (!differences.isEmpty()) {
      List<String> extra = new ArrayList<>(after.keySet());
      extra.removeAll(manifest.dumpCounts().keySet());
      throw new ToolException(
          ExitCode.DIFFERENCE,
          "the restored database "
              + context.database()
              + " differs from the dump: "
              + String.join("; ", differences)
              + (extra.isEmpty()
                  ? ""
                  : " ("
                      + String.join(", ", extra)
                      + ": on dest but not in the dump; mongorestore"
                      + (drop ? " --drop" : "")
                      + " replaces only the dump's collections: drop the others on dest if it must"
                      + " equal the source)"));
    }
    return new Report(
        false,
        context.database(),
        drop,
        context.manifestPath(),
        manifest.dumpCounts(),
        before,
        drop ? NOT_COUNTED_DROP : "before the restore",
        after,
        context.live().description(),
        context.live().shell());
  }

  /**
   * Refuses an incomplete or mixed copy before anything is restored. With the manifest's file sizes
   * this is one listing of the dump folder: the transfer proved the bytes, and the count after the
   * restore proves the documents. A manifest without sizes (written by an older docker-ops) falls
   * back to counting the documents in the BSON files, which reads the whole dump.
   */
  private void checkTheCopy(DumpManifest manifest) throws IOException {
    String folder = context.databaseFolderOnHost();
    List<String> incomplete;
    if (manifest.dumpFiles() != null) {
      incomplete =
          DumpFileSizes.differences(
              manifest.dumpFiles(), DumpFileSizes.of(context.files(), folder));
    } else {
      context
          .log()
          .println(
              context.manifestPath()
                  + " records no file sizes (written by an older docker-ops): counting the"
                  + " documents in "
                  + folder
                  + "/*.bson instead, which reads the whole dump");
      SortedMap<String, Long> inDump = new DumpFolderCounter(context.files()).count(folder);
      incomplete =
          CountComparison.differences(
              manifest.dumpCounts(), "the manifest", inDump, "the dump files");
    }
    if (!incomplete.isEmpty()) {
      throw ToolException.badInput(
          "the dump in "
              + folder
              + " does not match its manifest (incomplete or mixed copy?): "
              + String.join("; ", incomplete));
    }
  }

  private void refuseIfNotEmpty(SortedMap<String, Long> before) {
    long existing = CountComparison.total(before);
    if (existing > 0) {
      throw ToolException.environment(
          "database "
              + context.database()
              + context.runner().where()
              + " already holds "
              + existing
              + " documents in "
              + before.size()
              + " collections ("
              + String.join(", ", before.keySet())
              + "); mongorestore only inserts, so they would stay mixed with the"
              + " dump: re-run with --drop to replace the dumped collections");
    }
  }
}
