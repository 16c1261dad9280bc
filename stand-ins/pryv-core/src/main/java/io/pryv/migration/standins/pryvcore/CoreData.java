package io.pryv.migration.standins.pryvcore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.integrity.PryvJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stand-in core's data folder: what a real core keeps in its databases (accounts, streams,
 * events, deletions, accesses, series points) as one JSON file per account under {@code
 * stand-in/accounts/}, the id and clock counters in {@code stand-in/core.json}, and the attachments
 * as plain files under {@code attachments/USER/EVENT/FILE}. Every file is written through a temp
 * file that is fsync'ed and renamed over the old one, so a copy of the folder taken while the core
 * is stopped is a complete, consistent core.
 */
public final class CoreData {
  private static final String ACCOUNTS = "stand-in/accounts";
  private static final String COUNTERS = "stand-in/core.json";
  private static final String ATTACHMENTS = "attachments";
  private static final java.util.regex.Pattern SAFE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

  private final Path root;
  private final ObjectMapper mapper =
      PryvJson.mapper().copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  /**
   * The counters a restarted core goes on from: the clock (milliseconds) and the last id handed
   * out.
   */
  public record Counters(long clockMillis, long lastId) {}

  private CoreData(Path root) {
    this.root = root;
  }

  /** Opens (and creates when missing) the data folder. */
  public static CoreData open(Path root) throws IOException {
    createDurably(root.resolve(ACCOUNTS));
    createDurably(root.resolve(ATTACHMENTS));
    return new CoreData(root);
  }

  /**
   * Creates the missing folders of a path and fsyncs each one's parent, so that the new entries
   * survive a crash.
   */
  private static void createDurably(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    createDurably(absolute.getParent());
    Files.createDirectory(absolute);
    try (FileChannel parent = FileChannel.open(absolute.getParent(), StandardOpenOption.READ)) {
      parent.force(true);
    }
  }

  public Path root() {
    return root;
  }

  /** The saved counters, or null for a new folder. */
  Counters counters() throws IOException {
    Path file = root.resolve(COUNTERS);
    if (!Files.exists(file)) {
      return null;
    }
    JsonNode json = mapper.readTree(file.toFile());
    return new Counters(json.path("clockMillis").asLong(), json.path("lastId").asLong());
  }

  /** Every saved account, attachments included. */
  List<FakeAccount> accounts() throws IOException {
    List<FakeAccount> accounts = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve(ACCOUNTS))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        FakeAccount account = read((ObjectNode) mapper.readTree(file.toFile()));
        readAttachments(account);
        accounts.add(account);
      }
    }
    return accounts;
  }

  /**
   * Writes one account (without its attachments, written once by {@link #saveAttachment}) and the
   * counters.
   */
  synchronized void save(FakeAccount account, Counters counters) {
    try {
      SafeFileWriter.writeAtomically(
          root.resolve(ACCOUNTS).resolve(account.user + ".json"),
          mapper.writeValueAsBytes(write(account)));
      ObjectNode json =
          mapper
              .createObjectNode()
              .put("clockMillis", counters.clockMillis())
              .put("lastId", counters.lastId());
      SafeFileWriter.writeAtomically(root.resolve(COUNTERS), mapper.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes an attachment's bytes (durably: fsync'ed and renamed into place) before its event refers
   * to it.
   */
  void saveAttachment(String user, String eventId, String fileId, byte[] bytes) {
    if (!SAFE_NAME.matcher(eventId).matches() || !SAFE_NAME.matcher(fileId).matches()) {
      throw new IllegalArgumentException(
          "an event or file id that cannot be a file name: " + eventId + "/" + fileId);
    }
    try {
      Path file = root.resolve(ATTACHMENTS).resolve(user).resolve(eventId).resolve(fileId);
      createDurably(file.getParent());
      SafeFileWriter.writeAtomically(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode write(FakeAccount account) {
    ObjectNode json =
        mapper.createObjectNode().put("user", account.user).put("created", account.created);
    json.set("streams", values(account.streams.values()));
    json.set("streamDeletions", values(account.streamDeletions.values()));
    json.set("events", values(account.events.values()));
    json.set("eventDeletions", values(account.eventDeletions.values()));
    json.set("accesses", values(account.accesses.values()));
    ObjectNode series = json.putObject("series");
    account.series.forEach(
        (id, points) -> {
          ArrayNode list = series.putArray(id);
          points.forEach(list::add);
        });
    return json;
  }

  private ArrayNode values(java.util.Collection<ObjectNode> items) {
    ArrayNode list = mapper.createArrayNode();
    items.forEach(list::add);
    return list;
  }

  private static FakeAccount read(ObjectNode json) {
    FakeAccount account =
        new FakeAccount(json.get("user").asText(), json.get("created").asDouble());
    account.streams.clear(); // the saved streams include the system streams, in their saved order
    readById(json.path("streams"), account.streams);
    readById(json.path("streamDeletions"), account.streamDeletions);
    readById(json.path("events"), account.events);
    readById(json.path("eventDeletions"), account.eventDeletions);
    readById(json.path("accesses"), account.accesses);
    json.path("series")
        .fields()
        .forEachRemaining(
            entry -> {
              List<JsonNode> points = new ArrayList<>();
              entry.getValue().forEach(points::add);
              account.series.put(entry.getKey(), points);
            });
    return account;
  }

  private static void readById(JsonNode list, java.util.Map<String, ObjectNode> into) {
    for (JsonNode item : list) {
      into.put(item.get("id").asText(), (ObjectNode) item);
    }
  }

  private void readAttachments(FakeAccount account) throws IOException {
    Path folder = root.resolve(ATTACHMENTS).resolve(account.user);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder, 2)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path relative = folder.relativize(file);
        if (relative.getNameCount() == 2) {
          account.files.put(
              relative.getName(0) + "/" + relative.getName(1), Files.readAllBytes(file));
        }
      }
    }
  }
}
