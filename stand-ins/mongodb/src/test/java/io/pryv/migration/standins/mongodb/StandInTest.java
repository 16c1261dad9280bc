package io.pryv.migration.standins.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in's programs in this JVM: server, dump layout, restore, the shell's count and refusal.
 */
class StandInTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        StandIn.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String startServer(String generation) {
    Run started = run(generation, "mongod", "--port", "0");
    assertEquals(Mongod.KEEP_RUNNING, started.exit());
    Matcher m = Pattern.compile("waiting for connections on port (\\d+)").matcher(started.out());
    assertTrue(m.find(), started.out());
    return m.group(1);
  }

  @Test
  void dumpsTheRealLayoutAndRestoresIt() throws Exception {
    String source = startServer("6.0");
    String dest = startServer("6.0");
    // documents written with the driver's own codecs, outside the stand-in
    List<Document> events = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      events.add(
          new Document("_id", "e" + i)
              .append("streamIds", List.of("diary"))
              .append("content", "é" + i));
    }
    try (var client = Clients.open("mongodb://127.0.0.1:" + source)) {
      var db = client.getDatabase("pryv-node");
      db.getCollection("events").insertMany(events);
      db.getCollection("streams").insertOne(new Document("_id", "diary"));
      db.getCollection("streams")
          .createIndex(
              new Document("name", 1),
              new com.mongodb.client.model.IndexOptions().unique(true).name("name_1"));
      db.createCollection("empty");
    }

    Run dump = run("6.0", "mongodump", "--port", source, "-d", "pryv-node", "-o", dir + "/");
    assertEquals(0, dump.exit(), dump.err());
    assertTrue(dump.err().contains("done dumping pryv-node.events (1500 documents)"), dump.err());
    Path folder = dir.resolve("pryv-node");
    assertEquals(
        List.of(
            "empty.bson",
            "empty.metadata.json",
            "events.bson",
            "events.metadata.json",
            "streams.bson",
            "streams.metadata.json"),
        list(folder));
    List<RawBsonDocument> read = readBson(folder.resolve("events.bson"));
    assertEquals(1500, read.size());
    assertEquals(events.get(7).toJson(), Document.parse(read.get(7).toJson()).toJson());
    assertEquals(0, Files.size(folder.resolve("empty.bson")));
    Document metadata = Document.parse(Files.readString(folder.resolve("streams.metadata.json")));
    assertEquals("streams", metadata.getString("collectionName"));
    assertTrue(
        Files.readString(folder.resolve("streams.metadata.json"))
            .contains("{\"$numberInt\": \"1\"}"),
        "6.0 metadata is canonical Extended JSON");

    Files.writeString(dir.resolve("pryv-node.dump-manifest.json"), "{}");
    Run restore =
        run("6.0", "mongorestore", "--port", dest, "--nsInclude", "pryv-node.*", dir + "/");
    assertEquals(0, restore.exit(), restore.err());
    assertTrue(
        restore
            .err()
            .contains("1501 document(s) restored successfully. 0 document(s) failed to restore."),
        restore.err());
    assertTrue(restore.err().contains("don't know what to do with file"), restore.err());

    Run again = run("6.0", "mongorestore", "--port", dest, dir + "/");
    assertEquals(0, again.exit(), again.err());
    assertTrue(
        again
            .err()
            .contains("0 document(s) restored successfully. 1501 document(s) failed to restore."),
        "mongorestore only inserts: " + again.err());

    Run count =
        run(
            "6.0",
            "mongosh",
            "--quiet",
            "--norc",
            "--port",
            dest,
            "pryv-node",
            "--eval",
            Shell.COUNT_DOCUMENTS);
    assertEquals(0, count.exit(), count.err());
    assertEquals(
        "{\"shell\":\"1.8.2\",\"counts\":{\"empty\":0,\"events\":1500,\"streams\":1}}",
        count.out().strip(),
        "the shell's version() and the counts, in one run");
    try (var client = Clients.open("mongodb://127.0.0.1:" + dest)) {
      List<String> indexes = new ArrayList<>();
      client
          .getDatabase("pryv-node")
          .getCollection("streams")
          .listIndexes()
          .forEach(i -> indexes.add(i.getString("name")));
      assertTrue(indexes.contains("name_1"), indexes.toString());
    }
  }

  @Test
  void eachGenerationHasItsOwnShellAndRefusesUnknownScripts() {
    String port = startServer("3.6");
    assertEquals(127, run("6.0", "mongo", "--version").exit(), "no legacy shell in the 6.0 image");
    assertEquals(127, run("3.6", "mongosh", "--version").exit(), "no mongosh in the 3.6 image");
    assertEquals("1.8.2", run("6.0", "mongosh", "--version").out().strip());
    assertEquals("MongoDB shell version v3.6.23", run("3.6", "mongo", "--version").out().strip());
    Run legacy =
        run(
            "3.6",
            "mongo",
            "--quiet",
            "--port",
            port,
            "pryv-node",
            "--eval",
            Shell.COUNT_DOCUMENTS);
    assertEquals(0, legacy.exit(), legacy.err());
    assertEquals("{\"shell\":\"3.6.23\",\"counts\":{}}", legacy.out().strip());
    Run other =
        run("3.6", "mongo", "--quiet", "--port", port, "pryv-node", "--eval", "db.dropDatabase()");
    assertEquals(1, other.exit());
    assertTrue(other.err().contains("evaluates only docker-ops' count script"), other.err());
    Run typo = run("3.6", "mongodump", "--dbb", "x");
    assertTrue(typo.exit() != 0 && typo.err().contains("unknown option"), typo.err());
  }

  private static List<String> list(Path folder) throws Exception {
    try (var s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static List<RawBsonDocument> readBson(Path file) throws Exception {
    byte[] all = Files.readAllBytes(file);
    List<RawBsonDocument> docs = new ArrayList<>();
    for (int at = 0; at < all.length; ) {
      int length =
          java.nio.ByteBuffer.wrap(all, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
      RawBsonDocument doc = new RawBsonDocument(all, at, length);
      try (BsonBinaryReader reader = new BsonBinaryReader(doc.getByteBuffer().asNIO())) {
        reader.readStartDocument(); // a valid document starts here
      }
      docs.add(doc);
      at += length;
    }
    return docs;
  }
}
