package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.cli.DockerOpsOptionsParser;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.files.HostFiles;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mongo-dump and mongo-restore, the proof logic: live counts through the official driver against
 * mongo-java-server (a real wire-protocol server), dump files checked by the BSON counter,
 * manifests, move-aside, refusal without --drop. The dump/restore executables are {@link
 * DriverMongoTools}.
 */
class MongoDumpRestoreTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:20:30Z"), ZoneOffset.UTC);
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private MongoServer source;
  private MongoServer dest;
  private String sourceAddress;
  private String destAddress;

  @TempDir Path root;

  @BeforeEach
  void start() {
    source = new MongoServer(new MemoryBackend());
    dest = new MongoServer(new MemoryBackend());
    sourceAddress = address(source.bind());
    destAddress = address(dest.bind());
  }

  @AfterEach
  void stop() {
    source.shutdownNow();
    dest.shutdownNow();
  }

  private static String address(InetSocketAddress a) {
    return "127.0.0.1:" + a.getPort();
  }

  private void seed(String address, int events, int streams) {
    try (MongoClient client = MongoClients.create("mongodb://" + address)) {
      MongoDatabase db = client.getDatabase("pryv-node");
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        docs.add(
            new Document("userId", "u1").append("type", "note/txt").append("content", "e" + i));
      }
      if (events > 0) {
        db.getCollection("events").insertMany(docs);
      }
      for (int i = 0; i < streams; i++) {
        db.getCollection("streams")
            .insertOne(new Document("_id", "s" + i).append("name", "Stream " + i));
      }
      db.getCollection("accesses").insertOne(new Document("token", "t").append("type", "personal"));
    }
  }

  /** The driver's live counts, noting how many tool commands had run at each count. */
  static final class CountingCounter implements LiveMongoCounter {
    final List<Integer> toolRunsAtEachCount = new ArrayList<>();
    private final LiveMongoCounter counter;
    private final DriverMongoTools tools;

    CountingCounter(String address, DriverMongoTools tools) {
      this.counter = new DriverMongoCounter("mongodb://" + address);
      this.tools = tools;
    }

    @Override
    public java.util.SortedMap<String, Long> count(String database) {
      toolRunsAtEachCount.add(tools.commands.size());
      return counter.count(database);
    }

    @Override
    public String description() {
      return counter.description();
    }
  }

  private MongoContext context(String address, DriverMongoTools tools, boolean dryRun) {
    return context(address, tools, dryRun, new DriverMongoCounter("mongodb://" + address));
  }

  private MongoContext context(
      String address, DriverMongoTools tools, boolean dryRun, LiveMongoCounter live) {
    PryvLayout layout =
        DockerOpsOptionsParser.parse(
                new String[] {
                  "--exec",
                  "local",
                  "--conf-root",
                  root.toString(),
                  "--mongo-host",
                  address,
                  "mongo-dump"
                },
                Map.of())
            .layout();
    CommandRunner runner =
        new CommandRunner(
            tools,
            dryRun,
            new PrintStream(log, true, StandardCharsets.UTF_8),
            Duration.ofSeconds(30),
            "");
    return new MongoContext(
        runner,
        new Commands(layout),
        new LocalHostFiles(),
        live,
        clock,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  private Path backup() throws Exception {
    return Files.createDirectories(root.resolve("pryv/mongodb/backup"));
  }

  @Test
  void dumpProvesItselfThenRestoreProvesTheDestination() throws Exception {
    seed(sourceAddress, 300, 12);
    Path backup = backup();
    Files.createDirectories(backup.resolve("pryv-node"));
    Files.writeString(backup.resolve("pryv-node/old.bson"), "an earlier dump");

    DriverMongoTools tools = new DriverMongoTools(doc -> false);
    MongoDump.Report dump = new MongoDump(context(sourceAddress, tools, false)).run();

    var expected = new TreeMap<>(Map.of("accesses", 1L, "events", 300L, "streams", 12L));
    assertEquals(expected, dump.liveCounts());
    assertEquals(expected, dump.dumpCounts());
    assertEquals(313, dump.totalDocuments());
    assertEquals(
        List.of(
            "mongodump",
            "--host",
            "127.0.0.1",
            "--port",
            sourceAddress.split(":")[1],
            "-d",
            "pryv-node",
            "-o",
            backup + "/"),
        tools.commands.get(0));
    // the earlier dump is aside, not deleted, and not in the new dump
    Path aside = root.resolve("pryv/mongodb/backup.aside-20260301T102030Z");
    assertEquals("an earlier dump", Files.readString(aside.resolve("pryv-node/old.bson")));
    assertFalse(Files.exists(backup.resolve("pryv-node/old.bson")));
    DumpManifest manifest =
        DumpManifest.read(new LocalHostFiles(), backup + "/pryv-node.dump-manifest.json");
    assertEquals(expected, manifest.dumpCounts());
    assertEquals(expected, manifest.liveCounts());
    assertEquals("2026-03-01T10:20:30Z", manifest.createdAt());

    // restore on an empty dest
    MongoRestore.Report restore = new MongoRestore(context(destAddress, tools, false), false).run();
    assertEquals(expected, restore.restored());
    assertEquals(java.util.Optional.of(new TreeMap<>()), restore.existingBefore());

    // a second restore without --drop: dest has data, said plainly, nothing run
    int ran = tools.commands.size();
    ToolException refused =
        assertThrows(
            ToolException.class,
            () -> new MongoRestore(context(destAddress, tools, false), false).run());
    assertEquals(ExitCode.ENVIRONMENT, refused.exitCode());
    assertTrue(
        refused.getMessage().contains("already holds 313 documents in 3 collections"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("--drop"));
    assertEquals(ran, tools.commands.size());

    // with --drop dest equals the dump again
    assertEquals(
        expected, new MongoRestore(context(destAddress, tools, false), true).run().restored());
    assertTrue(tools.commands.get(tools.commands.size() - 1).contains("--drop"));
  }

  @Test
  void dumpCountsTheLiveDatabaseOnceAfterMongodump() throws Exception {
    seed(sourceAddress, 40, 2);
    backup();
    DriverMongoTools tools = new DriverMongoTools(doc -> false);
    CountingCounter live = new CountingCounter(sourceAddress, tools);
    MongoDump.Report dump = new MongoDump(context(sourceAddress, tools, false, live)).run();
    assertEquals(List.of(1), live.toolRunsAtEachCount, "one count, after mongodump ran");
    assertEquals(dump.dumpCounts(), dump.liveCounts());
    assertEquals(43, dump.totalDocuments());
  }

  @Test
  void aWriteToAnAlreadyDumpedCollectionDuringTheDumpIsADifference() throws Exception {
    seed(sourceAddress, 30, 2);
    Path backup = backup();
    // the core was not frozen: a new access arrives once mongodump has written accesses.bson
    DriverMongoTools writing =
        new DriverMongoTools(
            doc -> false,
            (collection, database) -> {
              if (collection.equals("accesses")) {
                database
                    .getCollection("accesses")
                    .insertOne(new Document("token", "late").append("type", "app"));
              }
            });
    ToolException e =
        assertThrows(
            ToolException.class, () -> new MongoDump(context(sourceAddress, writing, false)).run());
    assertEquals(ExitCode.DIFFERENCE, e.exitCode());
    assertTrue(e.getMessage().contains("was the source frozen?"), e.getMessage());
    assertTrue(
        e.getMessage().contains("accesses: 2 in the live database after the dump, 1 in the dump"),
        e.getMessage());
    assertFalse(Files.exists(backup.resolve("pryv-node.dump-manifest.json")));
  }

  @Test
  void restoreWithDropCountsOnlyAfterwardsAndSaysWhy() throws Exception {
    seed(sourceAddress, 20, 2);
    seed(destAddress, 5, 0); // dest holds older documents in the dumped collections
    backup();
    DriverMongoTools tools = new DriverMongoTools(doc -> false);
    new MongoDump(context(sourceAddress, tools, false)).run();
    CountingCounter live = new CountingCounter(destAddress, tools);
    MongoRestore.Report restore =
        new MongoRestore(context(destAddress, tools, false, live), true).run();
    assertEquals(List.of(2), live.toolRunsAtEachCount, "one count, after mongorestore ran");
    assertEquals(java.util.Optional.empty(), restore.existingBefore());
    assertEquals(MongoRestore.NOT_COUNTED_DROP, restore.existingBeforeCounted());
    assertEquals(
        new TreeMap<>(Map.of("accesses", 1L, "events", 20L, "streams", 2L)), restore.restored());

    // without --drop the count before stays: it is what refuses a database that holds documents
    CountingCounter refusing = new CountingCounter(destAddress, tools);
    assertThrows(
        ToolException.class,
        () -> new MongoRestore(context(destAddress, tools, false, refusing), false).run());
    assertEquals(List.of(2), refusing.toolRunsAtEachCount, "counted before mongorestore");
    assertEquals(2, tools.commands.size(), "refused: mongorestore did not run");
  }

  @Test
  void restoreAcceptsTheManifestOfAHandMadeDump() throws Exception {
    seed(sourceAddress, 25, 2);
    Path backup = backup();
    DriverMongoTools tools = new DriverMongoTools(doc -> false);
    new MongoDump(context(sourceAddress, tools, false)).run();
    Files.delete(
        backup.resolve("pryv-node.dump-manifest.json")); // as if mongodump had been run by hand
    assertEquals(
        MongoDumpCheck.Outcome.MANIFEST_WRITTEN,
        new MongoDumpCheck(context(sourceAddress, tools, false)).writeManifest().outcome());
    var expected = new TreeMap<>(Map.of("accesses", 1L, "events", 25L, "streams", 2L));
    assertEquals(
        expected, new MongoRestore(context(destAddress, tools, false), false).run().restored());
  }

  @Test
  void aDumpThatLostDocumentsFailsAndWritesNoManifest() throws Exception {
    seed(sourceAddress, 50, 3);
    Path backup = backup();
    DriverMongoTools losing =
        new DriverMongoTools(
            doc ->
                "e7"
                    .equals(
                        doc.get("content") == null ? null : doc.getString("content").getValue()));
    ToolException e =
        assertThrows(
            ToolException.class, () -> new MongoDump(context(sourceAddress, losing, false)).run());
    assertEquals(ExitCode.DIFFERENCE, e.exitCode());
    assertTrue(
        e.getMessage().contains("events: 50 in the live database after the dump, 49 in the dump"),
        e.getMessage());
    assertFalse(Files.exists(backup.resolve("pryv-node.dump-manifest.json")));
  }

  /** Drops the first document of {@code file}: a copy cut short, still valid BSON. */
  private static void dropFirstDocument(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int first = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    Files.write(file, java.util.Arrays.copyOfRange(bytes, first, bytes.length));
  }

  /** Dumps 20 events and 2 streams from source; the tools have run mongodump once. */
  private DriverMongoTools dumped() throws Exception {
    seed(sourceAddress, 20, 2);
    backup();
    DriverMongoTools tools = new DriverMongoTools(doc -> false);
    new MongoDump(context(sourceAddress, tools, false)).run();
    return tools;
  }

  private ToolException refusedRestore(DriverMongoTools tools) {
    int ran = tools.commands.size();
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> new MongoRestore(context(destAddress, tools, false), true).run());
    assertEquals(ExitCode.BAD_INPUT, e.exitCode(), e.getMessage());
    assertTrue(
        e.getMessage().contains("does not match its manifest (incomplete or mixed copy?)"),
        e.getMessage());
    assertEquals(ran, tools.commands.size(), "refused before mongorestore ran");
    return e;
  }

  @Test
  void theDumpRecordsTheSizeOfEveryFileOfItsFolder() throws Exception {
    dumped();
    Path folder = root.resolve("pryv/mongodb/backup/pryv-node");
    DumpManifest manifest =
        DumpManifest.read(
            new LocalHostFiles(), root + "/pryv/mongodb/backup/pryv-node.dump-manifest.json");
    TreeMap<String, Long> sizes = new TreeMap<>();
    for (String name :
        List.of(
            "accesses.bson",
            "accesses.metadata.json",
            "events.bson",
            "events.metadata.json",
            "streams.bson",
            "streams.metadata.json")) {
      sizes.put(name, Files.size(folder.resolve(name)));
    }
    assertEquals(sizes, manifest.dumpFiles());
  }

  @Test
  void restoreRefusesATruncatedFileBeforeRestoring() throws Exception {
    DriverMongoTools tools = dumped();
    Path events = root.resolve("pryv/mongodb/backup/pryv-node/events.bson");
    long size = Files.size(events);
    dropFirstDocument(events); // one document lost in transit
    ToolException e = refusedRestore(tools);
    assertTrue(
        e.getMessage()
            .contains(
                "events.bson: "
                    + size
                    + " bytes in the manifest, "
                    + Files.size(events)
                    + " bytes in the dump"),
        e.getMessage());
  }

  @Test
  void restoreRefusesAMissingFile() throws Exception {
    DriverMongoTools tools = dumped();
    Path streams = root.resolve("pryv/mongodb/backup/pryv-node/streams.metadata.json");
    long size = Files.size(streams);
    Files.delete(streams);
    ToolException e = refusedRestore(tools);
    assertTrue(
        e.getMessage()
            .endsWith("streams.metadata.json: missing (" + size + " bytes in the manifest)"),
        e.getMessage());
  }

  @Test
  void restoreRefusesAnExtraCollectionFileAndIgnoresOtherFiles() throws Exception {
    DriverMongoTools tools = dumped();
    Path folder = root.resolve("pryv/mongodb/backup/pryv-node");
    Files.write(folder.resolve("notes.txt"), new byte[] {1, 2, 3}); // mongorestore skips it
    Files.write(folder.resolve("webhooks.bson"), BsonDocumentCounterTest.bsonFile(2));
    ToolException e = refusedRestore(tools);
    assertTrue(
        e.getMessage()
            .endsWith(
                "(incomplete or mixed copy?): webhooks.bson: not in the manifest ("
                    + Files.size(folder.resolve("webhooks.bson"))
                    + " bytes in the dump)"),
        e.getMessage());

    Files.delete(folder.resolve("webhooks.bson"));
    assertEquals(
        new TreeMap<>(Map.of("accesses", 1L, "events", 20L, "streams", 2L)),
        new MongoRestore(context(destAddress, tools, false), true).run().restored());
  }

  /** The local files, counting what is opened (read) and listed. */
  static final class CountingFiles implements HostFiles {
    final List<String> opened = new ArrayList<>();
    final List<String> listed = new ArrayList<>();
    private final LocalHostFiles files = new LocalHostFiles();

    @Override
    public boolean exists(String path) {
      return files.exists(path);
    }

    @Override
    public boolean isDirectory(String path) {
      return files.isDirectory(path);
    }

    @Override
    public List<String> list(String dir) throws java.io.IOException {
      listed.add(dir);
      return files.list(dir);
    }

    @Override
    public long size(String path) throws java.io.IOException {
      return files.size(path);
    }

    @Override
    public java.util.SortedMap<String, Long> fileSizes(String dir) throws java.io.IOException {
      listed.add(dir);
      return files.fileSizes(dir);
    }

    @Override
    public java.io.InputStream open(String path) throws java.io.IOException {
      opened.add(path);
      return files.open(path);
    }

    @Override
    public void write(String path, byte[] content) {
      files.write(path, content);
    }

    @Override
    public void move(String from, String to) throws java.io.IOException {
      files.move(from, to);
    }

    @Override
    public void createDirectories(String path) throws java.io.IOException {
      files.createDirectories(path);
    }
  }

  private MongoContext withFiles(MongoContext context, HostFiles files) {
    return new MongoContext(
        context.runner(), context.commands(), files, context.live(), clock, context.log());
  }

  @Test
  void restoreChecksTheCopyByOneListingWithoutReadingTheDump() throws Exception {
    DriverMongoTools tools = dumped();
    String backup = root + "/pryv/mongodb/backup";
    CountingFiles files = new CountingFiles();
    new MongoRestore(withFiles(context(destAddress, tools, false), files), true).run();
    assertEquals(List.of(backup + "/pryv-node.dump-manifest.json"), files.opened);
    assertEquals(List.of(backup + "/pryv-node"), files.listed);

    // mongo-check, the deep check, still reads every BSON file
    CountingFiles deep = new CountingFiles();
    new MongoDumpCheck(withFiles(context(destAddress, tools, false), deep)).check();
    assertEquals(
        List.of(
            backup + "/pryv-node.dump-manifest.json",
            backup + "/pryv-node/accesses.bson",
            backup + "/pryv-node/events.bson",
            backup + "/pryv-node/streams.bson"),
        deep.opened);
  }

  /** A manifest as docker-ops wrote it before it recorded the file sizes. */
  private void withoutFileSizes() throws Exception {
    Path manifest = root.resolve("pryv/mongodb/backup/pryv-node.dump-manifest.json");
    com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
    json.remove("dumpFiles");
    Files.writeString(manifest, json.toString());
  }

  @Test
  void anOlderManifestWithoutSizesFallsBackToCountingTheDocuments() throws Exception {
    DriverMongoTools tools = dumped();
    withoutFileSizes();
    String backup = root + "/pryv/mongodb/backup";
    CountingFiles files = new CountingFiles();
    assertEquals(
        new TreeMap<>(Map.of("accesses", 1L, "events", 20L, "streams", 2L)),
        new MongoRestore(withFiles(context(destAddress, tools, false), files), true)
            .run()
            .restored());
    assertEquals(4, files.opened.size(), "the manifest and the three BSON files: " + files.opened);
    assertTrue(
        log.toString(StandardCharsets.UTF_8)
            .contains(
                backup
                    + "/pryv-node.dump-manifest.json records no file sizes (written by an older"
                    + " docker-ops): counting the documents in "
                    + backup
                    + "/pryv-node/*.bson instead"),
        log.toString(StandardCharsets.UTF_8));

    dropFirstDocument(root.resolve("pryv/mongodb/backup/pryv-node/events.bson"));
    ToolException e = refusedRestore(tools);
    assertTrue(
        e.getMessage().contains("events: 20 in the manifest, 19 in the dump files"),
        e.getMessage());
  }

  @Test
  void restoreFindsADestinationThatDiffersAfterwards() throws Exception {
    seed(sourceAddress, 10, 1);
    seed(destAddress, 0, 0); // dest holds an extra 'accesses' document... which --drop replaces
    try (MongoClient client = MongoClients.create("mongodb://" + destAddress)) {
      client.getDatabase("pryv-node").getCollection("webhooks").insertOne(new Document("url", "x"));
    }
    backup();
    DriverMongoTools tools = new DriverMongoTools(doc -> false);
    new MongoDump(context(sourceAddress, tools, false)).run();
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> new MongoRestore(context(destAddress, tools, false), true).run());
    assertEquals(ExitCode.DIFFERENCE, e.exitCode());
    assertTrue(
        e.getMessage().contains("webhooks: not in the dump manifest, 1 in the restored database"),
        e.getMessage());
    // --drop drops only the dump's collections: the message says why webhooks is still there
    assertTrue(
        e.getMessage()
            .contains(
                "(webhooks: on dest but not in the dump; mongorestore --drop replaces only the"
                    + " dump's collections"),
        e.getMessage());
  }

  @Test
  void dryRunPrintsThePlanAndChangesNothing() throws Exception {
    seed(sourceAddress, 5, 1);
    Path backup = backup();
    Files.writeString(backup.resolve("old.bson"), "x");
    DriverMongoTools tools = new DriverMongoTools(doc -> false);
    MongoDump.Report report = new MongoDump(context(sourceAddress, tools, true)).run();
    assertTrue(report.dryRun());
    assertEquals(List.of(), tools.commands);
    assertTrue(Files.exists(backup.resolve("old.bson")));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("would move the earlier backup in " + backup), text);
    assertTrue(text.contains("would run: mongodump --host 127.0.0.1 --port "), text);
    assertTrue(text.contains("and the documents in " + backup + "/pryv-node/*.bson"), text);
  }
}
