package io.pryv.migration.dockerops.testing;

import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.common.testing.TestDocker;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * A {@code pryvio_mongodb} stand-in container in the private engine: image {@code
 * pryv-test/mongodb-3.6:1} or {@code pryv-test/mongodb-6.0:1} (docker-ops/src/test/docker/), whose
 * programs are the Java stand-in of stand-ins/mongodb/ (its jar mounted read-only), started like
 * Pryv's compose file starts it: the backup folder mounted at {@code /app/backup/}, mongod on the
 * container's own localhost:27017 (no network: only docker exec reaches it, as on a core).
 */
public final class MongoStandIn {
  public static final String JAR_PROPERTY = "mongodb.stand-in.jar";
  public static final String JAR_IN_CONTAINER = "/opt/mongodb-stand-in/lib/mongodb-stand-in.jar";
  public static final String BIN = "/app/bin/mongodb/bin/";

  private MongoStandIn() {}

  public static String image(String generation) {
    return "pryv-test/mongodb-" + generation + ":1";
  }

  /**
   * The runnable jar built by stand-ins/mongodb (the test is skipped without it, and fails in CI).
   */
  public static Path jar() {
    String property = System.getProperty(JAR_PROPERTY);
    Path jar = property == null ? null : Path.of(property);
    RequiredPrograms.requireThat(
        jar != null && Files.isRegularFile(jar),
        "the MongoDB stand-in jar at "
            + jar
            + " (built by mvn -pl docker-ops -am verify, from stand-ins/mongodb)");
    return jar;
  }

  /**
   * Starts the container (a read-only {@code /seed} mount when {@code seed} is given) and waits for
   * mongod.
   */
  public static void start(
      TestDocker docker, String name, String generation, Path backup, Path seed)
      throws InterruptedException {
    start(docker, name, generation, backup, seed, List.of("--network", "none"), List.of(), 27017);
  }

  /**
   * Starts the container on the host's network (as {@code network_mode: host}), its mongod on
   * 127.0.0.1:{@code port} of this machine, and waits for it.
   */
  public static void startOnHostNetwork(
      TestDocker docker, String name, String generation, Path backup, Path seed, int port)
      throws InterruptedException {
    start(
        docker,
        name,
        generation,
        backup,
        seed,
        List.of("--network", "host"),
        List.of(BIN + "mongod", "--port", Integer.toString(port)),
        port);
  }

  private static void start(
      TestDocker docker,
      String name,
      String generation,
      Path backup,
      Path seed,
      List<String> network,
      List<String> command,
      int port)
      throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
    args.addAll(network);
    args.addAll(
        List.of("-v", backup + ":/app/backup/", "-v", jar() + ":" + JAR_IN_CONTAINER + ":ro"));
    if (seed != null) {
      args.addAll(List.of("-v", seed + ":/seed:ro"));
    }
    args.add(image(generation));
    args.addAll(command);
    docker.ok(args.toArray(String[]::new));
    long deadline = System.nanoTime() + 60_000_000_000L;
    String logs;
    do {
      logs = docker.run("logs", name).out();
      if (logs.contains("waiting for connections on port " + port)) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException("mongod in " + name + " did not start within 60 s: " + logs);
  }

  /**
   * Loads a dump folder ({@link #writeDump}) mounted at /seed into the container's mongod, with its
   * mongorestore.
   */
  public static void seed(TestDocker docker, String name) {
    docker.ok("exec", name, BIN + "mongorestore", "/seed/");
  }

  /** {@link #seed} into a mongod on another port ({@link #startOnHostNetwork}). */
  public static void seed(TestDocker docker, String name, int port) {
    docker.ok("exec", name, BIN + "mongorestore", "--port", Integer.toString(port), "/seed/");
  }

  /**
   * Writes {@code out/DB/COLL.bson} (the documents encoded by the driver's own codec, concatenated)
   * and an empty {@code COLL.metadata.json}: a dump made without the stand-in, for it to restore.
   */
  public static void writeDump(Path out, String database, Map<String, List<Document>> collections)
      throws Exception {
    Path folder = Files.createDirectories(out.resolve(database));
    for (Map.Entry<String, List<Document>> collection : collections.entrySet()) {
      try (OutputStream file =
          Files.newOutputStream(folder.resolve(collection.getKey() + ".bson"))) {
        for (Document document : collection.getValue()) {
          file.write(bytes(new RawBsonDocument(document, new DocumentCodec())));
        }
      }
      Files.writeString(folder.resolve(collection.getKey() + ".metadata.json"), "{\"indexes\":[]}");
    }
  }

  /** The documents of a mongodump {@code .bson} file, decoded by the driver's codec. */
  public static List<Document> readBson(Path file) throws Exception {
    byte[] all = Files.readAllBytes(file);
    List<Document> documents = new ArrayList<>();
    for (int at = 0; at < all.length; ) {
      int length = ByteBuffer.wrap(all, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
      documents.add(new RawBsonDocument(all, at, length).decode(new DocumentCodec()));
      at += length;
    }
    return documents;
  }

  private static byte[] bytes(RawBsonDocument document) {
    ByteBuffer buffer = document.getByteBuffer().asNIO();
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(copy);
    return copy;
  }
}
