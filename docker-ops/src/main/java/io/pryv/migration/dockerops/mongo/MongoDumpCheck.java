package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.VerbReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code mongo-check [--write-manifest]}: reads only the dump folder on the host, never a database
 * or a container. Without {@code --write-manifest} it counts the BSON documents and compares them
 * with the dump manifest (the check to run on dest after the transfer, before mongo-restore). With
 * it, it writes the manifest of a dump made by hand, and never replaces a manifest that says
 * something else.
 */
public final class MongoDumpCheck {
  /** The {@code liveCountedBy} of a manifest written from the files alone. */
  public static final String NO_LIVE_COUNT =
      "none: written by docker-ops mongo-check --write-manifest from the dump files; no live count was made";

  /** What the check found; {@code differences} empty when the dump and the manifest agree. */
  public record Report(
      boolean dryRun,
      String database,
      String dumpFolder,
      String manifest,
      Outcome outcome,
      SortedMap<String, Long> manifestCounts,
      SortedMap<String, Long> dumpCounts,
      long totalDocuments,
      List<String> differences)
      implements VerbReport {
    /** A difference between the dump and its manifest is exit 1. */
    @Override
    public ExitCode exitCode() {
      return differences.isEmpty() ? ExitCode.OK : ExitCode.DIFFERENCE;
    }
  }

  public enum Outcome {
    MATCHES,
    DIFFERS,
    MANIFEST_WRITTEN,
    MANIFEST_ALREADY_THERE,
    MANIFEST_DISAGREES,
    DRY_RUN
  }

  private final MongoContext context;

  public MongoDumpCheck(MongoContext context) {
    this.context = context;
  }

  /** Compares the dump files with the manifest. */
  public Report check() throws IOException {
    if (context.runner().dryRun()) {
      context
          .log()
          .println(
              "would read "
                  + context.manifestPath()
                  + ", count the documents in "
                  + context.databaseFolderOnHost()
                  + "/*.bson[.gz]"
                  + context.runner().where()
                  + " and compare them with the manifest's dumpCounts");
      return dryRun();
    }
    DumpManifest manifest = readManifest();
    DumpFolderCounter.Tolerant dump =
        new DumpFolderCounter(context.files()).countTolerant(context.databaseFolderOnHost());
    SortedMap<String, Long> expected = new TreeMap<>(manifest.dumpCounts());
    expected.keySet().removeAll(dump.unreadable().keySet());
    List<String> differences =
        new ArrayList<>(
            CountComparison.differences(expected, "the manifest", dump.counts(), "the dump files"));
    dump.unreadable()
        .forEach(
            (collection, why) ->
                differences.add(
                    collection
                        + ": "
                        + manifest.dumpCounts().getOrDefault(collection, 0L)
                        + " in the manifest, unreadable file: "
                        + why));
    differences.sort(null); // each line starts with its collection
    return report(
        differences.isEmpty() ? Outcome.MATCHES : Outcome.DIFFERS,
        manifest.dumpCounts(),
        dump.counts(),
        differences);
  }

  /** Writes the manifest of a dump made without docker-ops, from the BSON files alone. */
  public Report writeManifest() throws IOException {
    if (context.runner().dryRun()) {
      context
          .log()
          .println(
              "would count the documents in "
                  + context.databaseFolderOnHost()
                  + "/*.bson[.gz]"
                  + context.runner().where()
                  + " and write "
                  + context.manifestPath()
                  + " (never over a manifest that disagrees with the files)");
      return dryRun();
    }
    SortedMap<String, Long> dumped =
        new DumpFolderCounter(context.files()).count(context.databaseFolderOnHost());
    if (context.files().exists(context.manifestPath())) {
      DumpManifest existing = readManifest();
      List<String> differences =
          CountComparison.differences(
              existing.dumpCounts(), "the existing manifest", dumped, "the dump files");
      return report(
          differences.isEmpty() ? Outcome.MANIFEST_ALREADY_THERE : Outcome.MANIFEST_DISAGREES,
          existing.dumpCounts(),
          dumped,
          differences);
    }
    DumpManifest manifest =
        new DumpManifest(
            DumpManifest.FORMAT,
            "docker-ops",
            context.clock().instant().toString(),
            context.database(),
            context.databaseFolderOnHost(),
            NO_LIVE_COUNT,
            new TreeMap<>(),
            dumped,
            CountComparison.total(dumped),
            DumpFileSizes.of(context.files(), context.databaseFolderOnHost()));
    manifest.write(context.files(), context.manifestPath());
    // read back what mongo-restore will read
    SortedMap<String, Long> written =
        DumpManifest.read(context.files(), context.manifestPath()).dumpCounts();
    if (!written.equals(dumped)) {
      throw ToolException.environment(
          context.manifestPath() + " does not read back as written: " + written);
    }
    return report(Outcome.MANIFEST_WRITTEN, written, dumped, List.of());
  }

  private DumpManifest readManifest() throws IOException {
    DumpManifest manifest = DumpManifest.read(context.files(), context.manifestPath());
    if (!context.database().equals(manifest.database())) {
      throw ToolException.badInput(
          context.manifestPath()
              + " is the manifest of database "
              + manifest.database()
              + ", not "
              + context.database());
    }
    return manifest;
  }

  private Report report(
      Outcome outcome,
      SortedMap<String, Long> manifestCounts,
      SortedMap<String, Long> dumpCounts,
      List<String> differences) {
    return new Report(
        false,
        context.database(),
        context.databaseFolderOnHost(),
        context.manifestPath(),
        outcome,
        manifestCounts,
        dumpCounts,
        CountComparison.total(dumpCounts),
        List.copyOf(differences));
  }

  private Report dryRun() {
    return new Report(
        true,
        context.database(),
        context.databaseFolderOnHost(),
        context.manifestPath(),
        Outcome.DRY_RUN,
        new TreeMap<>(),
        new TreeMap<>(),
        0,
        List.of());
  }
}
