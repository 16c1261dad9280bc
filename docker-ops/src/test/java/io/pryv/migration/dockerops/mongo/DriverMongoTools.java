package io.pryv.migration.dockerops.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.pryv.migration.common.ProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.bson.RawBsonDocument;

/**
 * Test double for the mongodump / mongorestore executables in fast tests (no MongoDB tools can be
 * installed here): takes their command line as docker-ops builds it ({@code --host H --port P -d DB
 * -o OUT/}, {@code [--drop] --nsInclude DB.* DIR/}) and does the same with the official Java driver
 * against the real wire-protocol server, writing and reading real BSON dump files. {@code
 * skipDocument} lets a test make the dumper lose documents, to prove the check catches it; {@code
 * afterDumped} runs after each collection is dumped (a write while the dump runs).
 */
final class DriverMongoTools implements ProcessRunner {
  final List<List<String>> commands = new ArrayList<>();
  private final Predicate<RawBsonDocument> skipDocument;
  private final BiConsumer<String, MongoDatabase> afterDumped;

  DriverMongoTools(Predicate<RawBsonDocument> skipDocument) {
    this(skipDocument, (collection, database) -> {});
  }

  DriverMongoTools(
      Predicate<RawBsonDocument> skipDocument, BiConsumer<String, MongoDatabase> afterDumped) {
    this.skipDocument = skipDocument;
    this.afterDumped = afterDumped;
  }

  @Override
  public Result run(List<String> command, Path workingDir, Duration timeout) {
    commands.add(command);
    String host = value(command, "--host");
    String port = value(command, "--port");
    try (MongoClient client = MongoClients.create("mongodb://" + host + ":" + port)) {
      if (command.get(0).equals("mongodump")) {
        String db = value(command, "-d");
        Path out = Path.of(value(command, "-o")).resolve(db);
        Files.createDirectories(out);
        MongoDatabase database = client.getDatabase(db);
        for (String name : database.listCollectionNames()) {
          try (OutputStream file = Files.newOutputStream(out.resolve(name + ".bson"))) {
            for (RawBsonDocument doc : database.getCollection(name, RawBsonDocument.class).find()) {
              if (!skipDocument.test(doc)) {
                ByteBuffer bytes = doc.getByteBuffer().asNIO();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                file.write(copy);
              }
            }
          }
          Files.writeString(
              out.resolve(name + ".metadata.json"), "{\"collectionName\":\"" + name + "\"}");
          afterDumped.accept(name, database);
        }
        return new Result(command, 0, "", "done dumping " + db + "\n");
      }
      if (command.get(0).equals("mongorestore")) {
        boolean drop = command.contains("--drop");
        String db = value(command, "--nsInclude").replace(".*", "");
        Path folder = Path.of(command.get(command.size() - 1)).resolve(db);
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".bson")).toList()) {
            String name = file.getFileName().toString().replace(".bson", "");
            var collection = client.getDatabase(db).getCollection(name, RawBsonDocument.class);
            if (drop) {
              collection.drop();
            }
            byte[] all = Files.readAllBytes(file);
            for (int at = 0; at < all.length; ) {
              int length =
                  ByteBuffer.wrap(all, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
              collection.insertOne(new RawBsonDocument(all, at, length));
              at += length;
            }
          }
        }
        return new Result(command, 0, "", "restored\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(command, 127, "", command.get(0) + ": not found");
  }

  private static String value(List<String> command, String option) {
    int i = command.indexOf(option);
    return i < 0 ? null : command.get(i + 1);
  }
}
