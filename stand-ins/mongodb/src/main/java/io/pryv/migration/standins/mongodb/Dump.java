package io.pryv.migration.standins.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * {@code mongodump [--host H] [--port P | --uri U] [-d DB] [-o OUT] [--gzip]}: the real directory
 * layout, one {@code OUT/DB/COLL.bson} of the collection's documents as the server sent them (raw
 * BSON, concatenated) and one {@code OUT/DB/COLL.metadata.json} (options and indexes; canonical
 * Extended JSON with uuid, collectionName and type for the Database Tools 100.x, relaxed JSON for
 * 3.6). System collections are not dumped.
 */
final class Dump {
  private final Generation generation;
  private final ToolArguments args;
  private final PrintStream log;

  Dump(Generation generation, ToolArguments args, PrintStream log) {
    this.generation = generation;
    this.args = args;
    this.log = log;
  }

  int run() throws ToolArguments.BadArguments, IOException {
    if (args.has("--version")) {
      log.println("mongodump version: " + generation.toolsVersion());
      return 0;
    }
    if (!args.positional().isEmpty()) {
      throw new ToolArguments.BadArguments(
          "error parsing positional arguments: " + args.positional());
    }
    Path out = Path.of(args.value("--out").orElse("dump"));
    try (MongoClient client = Clients.open(args.connectionString())) {
      List<String> databases = new ArrayList<>();
      if (args.value("--db").isPresent()) {
        databases.add(args.value("--db").get());
      } else {
        client
            .listDatabaseNames()
            .forEach(
                name -> {
                  if (!List.of("admin", "local", "config").contains(name)) {
                    databases.add(name);
                  }
                });
      }
      for (String db : databases) {
        dumpDatabase(client.getDatabase(db), out.resolve(db));
      }
    }
    return 0;
  }

  private void dumpDatabase(MongoDatabase db, Path folder) throws IOException {
    Files.createDirectories(folder);
    List<Document> collections = new ArrayList<>();
    db.listCollections().into(collections);
    collections.sort((a, b) -> a.getString("name").compareTo(b.getString("name")));
    String gz = args.has("--gzip") ? ".gz" : "";
    for (Document info : collections) {
      String name = info.getString("name");
      if (name.startsWith("system.")) {
        continue;
      }
      Path bson = folder.resolve(name + ".bson" + gz);
      write(
          folder.resolve(name + ".metadata.json" + gz),
          metadata(db, name, info).getBytes(StandardCharsets.UTF_8));
      log.println(StandIn.timestamp() + "\twriting " + db.getName() + "." + name + " to " + bson);
      long count = 0;
      try (OutputStream file = open(bson)) {
        for (RawBsonDocument doc : db.getCollection(name, RawBsonDocument.class).find()) {
          ByteBuffer bytes = doc.getByteBuffer().asNIO();
          byte[] copy = new byte[bytes.remaining()];
          bytes.get(copy);
          file.write(copy);
          count++;
        }
      }
      log.println(
          StandIn.timestamp()
              + "\tdone dumping "
              + db.getName()
              + "."
              + name
              + " ("
              + count
              + " document"
              + (count == 1 ? "" : "s")
              + ")");
    }
  }

  private String metadata(MongoDatabase db, String name, Document info) {
    List<Document> indexes = new ArrayList<>();
    for (Document index : db.getCollection(name).listIndexes()) {
      if (generation.databaseTools100()) {
        index.remove("ns"); // MongoDB 4.4+ no longer reports it
      } else {
        index.putIfAbsent("ns", db.getName() + "." + name);
      }
      indexes.add(index);
    }
    Document options = info.get("options", Document.class);
    Document metadata = new Document();
    if (generation.databaseTools100()) {
      metadata
          .append("indexes", indexes)
          .append("uuid", UUID.randomUUID().toString().replace("-", ""))
          .append("collectionName", name)
          .append("type", "collection");
      if (options != null && !options.isEmpty()) {
        metadata.append("options", options);
      }
      return metadata.toJson(JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build());
    }
    metadata
        .append("options", options == null ? new Document() : options)
        .append("indexes", indexes);
    return metadata.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build());
  }

  private OutputStream open(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return file.toString().endsWith(".gz")
        ? new GZIPOutputStream(out, 1 << 16)
        : new java.io.BufferedOutputStream(out, 1 << 16);
  }

  private void write(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = open(file)) {
      out.write(bytes);
    }
  }
}
