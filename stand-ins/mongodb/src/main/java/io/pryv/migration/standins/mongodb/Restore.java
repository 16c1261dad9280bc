package io.pryv.migration.standins.mongodb;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * {@code mongorestore [--host H] [--port P | --uri U] [--drop] [--nsInclude NS] [--gzip] DIR}:
 * reads the directory layout mongodump writes ({@code DIR/DB/COLL.bson} and {@code
 * COLL.metadata.json}) and inserts every document over the wire. Like the real tool it only
 * inserts: documents already there stay, and a document whose {@code _id} exists fails (counted,
 * not fatal) unless {@code --drop} dropped the collection first. Indexes named in the metadata are
 * created (key, name, unique, sparse; other index options are not restored by this stand-in). Files
 * it does not know are skipped with the real tool's warning.
 */
final class Restore {
  private static final int BATCH = 1000;

  private final Generation generation;
  private final ToolArguments args;
  private final PrintStream log;
  private long restored;
  private long failed;

  Restore(Generation generation, ToolArguments args, PrintStream log) {
    this.generation = generation;
    this.args = args;
    this.log = log;
  }

  int run() throws ToolArguments.BadArguments, IOException {
    if (args.has("--version")) {
      log.println("mongorestore version: " + generation.toolsVersion());
      return 0;
    }
    if (args.positional().size() > 1) {
      throw new ToolArguments.BadArguments("too many positional arguments: " + args.positional());
    }
    Path dir =
        Path.of(
            args.positional().isEmpty()
                ? args.value("--dir").orElse("dump")
                : args.positional().get(0));
    if (!Files.isDirectory(dir)) {
      log.println(
          StandIn.timestamp()
              + "\tFailed: mongorestore target '"
              + dir
              + "' invalid: stat "
              + dir
              + ": no such file or directory");
      return 1;
    }
    Pattern include = nsPattern(args.value("--nsInclude").orElse("*"));
    log.println(StandIn.timestamp() + "\tpreparing collections to restore from");
    try (MongoClient client = Clients.open(args.connectionString())) {
      for (Path entry : sorted(dir)) {
        String name = entry.getFileName().toString();
        if (!Files.isDirectory(entry)) {
          log.println(
              StandIn.timestamp()
                  + "\tdon't know what to do with file \""
                  + entry
                  + "\", skipping...");
          continue;
        }
        for (Path file : sorted(entry)) {
          String collection = collectionOf(file.getFileName().toString());
          if (collection == null) {
            if (!file.getFileName().toString().contains(".metadata.json")) {
              log.println(
                  StandIn.timestamp()
                      + "\tdon't know what to do with file \""
                      + file
                      + "\", skipping...");
            }
            continue;
          }
          if (include.matcher(name + "." + collection).matches()) {
            restoreCollection(client, name, collection, file);
          }
        }
      }
    }
    if (generation.databaseTools100()) {
      log.println(
          StandIn.timestamp()
              + "\t"
              + restored
              + " document(s) restored successfully. "
              + failed
              + " document(s) failed to restore.");
    } else {
      log.println(StandIn.timestamp() + "\tdone");
    }
    return 0;
  }

  /**
   * The collection of a {@code COLL.bson} (or {@code COLL.bson.gz} with --gzip) file, else null.
   */
  private String collectionOf(String file) {
    String suffix = args.has("--gzip") ? ".bson.gz" : ".bson";
    return file.endsWith(suffix) ? file.substring(0, file.length() - suffix.length()) : null;
  }

  private void restoreCollection(MongoClient client, String db, String name, Path bson)
      throws IOException {
    MongoCollection<RawBsonDocument> collection =
        client.getDatabase(db).getCollection(name, RawBsonDocument.class);
    if (args.has("--drop")) {
      log.println(
          StandIn.timestamp() + "\tdropping collection " + db + "." + name + " before restoring");
      collection.drop();
    }
    // like the real tool, the collection exists after the restore even when its dump holds no
    // document
    var database = client.getDatabase(db);
    if (!database.listCollectionNames().into(new ArrayList<>()).contains(name)) {
      database.createCollection(name);
    }
    log.println(StandIn.timestamp() + "\trestoring " + db + "." + name + " from " + bson);
    long before = restored;
    long failedBefore = failed;
    List<RawBsonDocument> batch = new ArrayList<>(BATCH);
    try (InputStream in = open(bson)) {
      RawBsonDocument doc;
      while ((doc = next(in, bson)) != null) {
        batch.add(doc);
        if (batch.size() == BATCH) {
          insert(collection, batch);
        }
      }
    }
    insert(collection, batch);
    createIndexes(client, db, name, bson);
    log.println(
        StandIn.timestamp()
            + "\tfinished restoring "
            + db
            + "."
            + name
            + " ("
            + (restored - before)
            + " documents, "
            + (failed - failedBefore)
            + " failures)");
  }

  private void insert(MongoCollection<RawBsonDocument> collection, List<RawBsonDocument> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      collection.insertMany(batch, new InsertManyOptions().ordered(false));
      restored += batch.size();
    } catch (MongoBulkWriteException e) {
      int errors = e.getWriteErrors().size();
      failed += errors;
      restored += batch.size() - errors;
      log.println(
          StandIn.timestamp()
              + "\tcontinuing through error: "
              + e.getWriteErrors().get(0).getMessage());
    }
    batch.clear();
  }

  private void createIndexes(MongoClient client, String db, String name, Path bson)
      throws IOException {
    String base = bson.getFileName().toString();
    Path metadata =
        bson.resolveSibling(
            base.substring(0, base.indexOf(".bson"))
                + ".metadata.json"
                + (args.has("--gzip") ? ".gz" : ""));
    if (!Files.exists(metadata)) {
      return;
    }
    String json;
    try (InputStream in = open(metadata)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Document> indexes = Document.parse(json).getList("indexes", Document.class, List.of());
    for (Document index : indexes) {
      if ("_id_".equals(index.getString("name"))) {
        continue;
      }
      log.println(
          StandIn.timestamp()
              + "\trestoring indexes for collection "
              + db
              + "."
              + name
              + " from metadata");
      IndexOptions options =
          new IndexOptions()
              .name(index.getString("name"))
              .unique(Boolean.TRUE.equals(index.get("unique")))
              .sparse(Boolean.TRUE.equals(index.get("sparse")));
      client
          .getDatabase(db)
          .getCollection(name)
          .createIndex(index.get("key", Document.class), options);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    return file.toString().endsWith(".gz")
        ? new GZIPInputStream(raw, 1 << 16)
        : new BufferedInputStream(raw, 1 << 16);
  }

  /**
   * The next BSON document of a dump file, null at its end; a cut document is an error, as in the
   * real tool.
   */
  private static RawBsonDocument next(InputStream in, Path file) throws IOException {
    byte[] header = in.readNBytes(4);
    if (header.length == 0) {
      return null;
    }
    if (header.length < 4) {
      throw new EOFException(file + ": unexpected EOF in a document's length");
    }
    int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (length < 5 || length > 48 * 1024 * 1024) {
      throw new IOException(file + ": invalid BSONSize: " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    System.arraycopy(header, 0, bytes, 0, 4);
    if (in.readNBytes(bytes, 4, length - 4) != length - 4) {
      throw new EOFException(file + ": unexpected EOF inside a document");
    }
    return new RawBsonDocument(bytes);
  }

  /** {@code --nsInclude} takes {@code DB.COLL} with {@code *} as wildcard. */
  static Pattern nsPattern(String ns) {
    StringBuilder regex = new StringBuilder();
    for (char c : ns.toCharArray()) {
      regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }
}
