package io.pryv.migration.standins.pryvcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.integrity.EventIntegrity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account of the fake core: streams (flat, with parentId), events, deletions, attachment files,
 * series points and accesses, as the recorded open-pryv.io 2.0 core keeps them. Tests also damage
 * it on purpose.
 */
public final class FakeAccount {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  final String user;
  final Map<String, ObjectNode> streams = new LinkedHashMap<>();
  final Map<String, ObjectNode> streamDeletions = new LinkedHashMap<>();
  final Map<String, ObjectNode> events = new LinkedHashMap<>();
  final Map<String, ObjectNode> eventDeletions = new LinkedHashMap<>();
  final Map<String, byte[]> files = new LinkedHashMap<>();
  final Map<String, List<JsonNode>> series = new LinkedHashMap<>();
  final Map<String, ObjectNode> accesses = new LinkedHashMap<>();

  /**
   * Series metadata updates not yet flushed (in memory only: a copy, like a restored dump, has
   * none).
   */
  final Map<String, PendingSeriesUpdate> pendingSeriesUpdates = new LinkedHashMap<>();

  final double created;

  /**
   * What the HFS metadata updater will write into a series event once its cool-down after the last
   * points write has passed: the data extent in the updater's unit (nanoseconds of deltaTime), the
   * writer, the write time.
   */
  record PendingSeriesUpdate(long extent, String author, double timestamp, long writtenAtNanos) {}

  FakeAccount(String user, double created) {
    this.user = user;
    this.created = created;
    systemStream(":_system:account", "Account", null);
    systemStream(":_system:language", "Language", ":_system:account");
    systemStream(":system:email", "Email", ":_system:account");
    systemStream(":_system:storageUsed", "Storage used", ":_system:account");
    systemStream(":_system:dbDocuments", "Db Documents", ":_system:storageUsed");
    systemStream(":_system:attachedFiles", "Attached files", ":_system:storageUsed");
    ObjectNode audit = systemStream(":_audit:", "Audit", null);
    audit.put("childrenHidden", true);
  }

  private ObjectNode systemStream(String id, String name, String parent) {
    ObjectNode stream = JSON.objectNode().put("id", id).put("name", name);
    stream.set("parentId", parent == null ? JSON.nullNode() : JSON.textNode(parent));
    stream
        .put("created", 10000000.00000001)
        .put("modified", 10000000.00000001)
        .put("createdBy", "system")
        .put("modifiedBy", "system");
    streams.put(id, stream);
    return stream;
  }

  /** The system events, dated at the account's creation as the real core does. */
  List<ObjectNode> systemEvents(double now) {
    List<ObjectNode> list = new ArrayList<>();
    list.add(systemEvent(":_system:attachedFiles", "data-quantity/b", JSON.numberNode(0), created));
    list.add(systemEvent(":_system:dbDocuments", "data-quantity/b", JSON.numberNode(0), created));
    list.add(systemEvent(":_system:language", "language/iso-639-1", JSON.textNode("en"), created));
    list.add(
        systemEvent(
            ":system:email", "email/string", JSON.textNode(user + "@example.com"), created));
    return list;
  }

  private ObjectNode systemEvent(String id, String type, JsonNode content, double now) {
    ObjectNode event = JSON.objectNode().put("id", id);
    event.putArray("streamIds").add(id);
    event.put("type", type).set("content", content);
    event
        .put("time", now)
        .put("created", now)
        .put("createdBy", "system")
        .put("modified", now)
        .put("modifiedBy", "system");
    event.put("integrity", EventIntegrity.compute(event));
    return event;
  }

  /**
   * Loads the recorded account of exchanges 096 (full dump: events with their real integrity,
   * deletions), 033 (streams), 082/047 (attachment bytes) and 101 (series points), looked up by
   * number in the recorded traffic (corpus/pryv-api, which the tests carry).
   */
  public void importRecorded(java.util.function.Function<String, JsonNode> exchanges) {
    JsonNode tree = exchanges.apply("033").path("response").path("body").path("streams");
    importStreams(tree);
    for (JsonNode event : exchanges.apply("096").path("response").path("body").path("events")) {
      if (!event.get("id").asText().startsWith(":")) {
        ObjectNode copy = event.deepCopy();
        for (JsonNode attachment : copy.path("attachments")) {
          ((ObjectNode) attachment).remove("readToken");
        }
        events.put(copy.get("id").asText(), copy);
      }
    }
    for (JsonNode deletion :
        exchanges.apply("096").path("response").path("body").path("eventDeletions")) {
      eventDeletions.put(deletion.get("id").asText(), (ObjectNode) deletion.deepCopy());
    }
    JsonNode download = exchanges.apply("082");
    String[] parts = download.path("request").path("path").asText().split("/");
    files.put(
        parts[3] + "/" + parts[4],
        java.util.Base64.getDecoder().decode(download.path("response").path("body").asText()));
    JsonNode upload = exchanges.apply("047");
    String contentType = upload.path("request").path("headers").path("Content-Type").asText();
    byte[] multipart =
        java.util.Base64.getDecoder().decode(upload.path("request").path("body").asText());
    byte[] second =
        MultipartPart.split(
                multipart, "--" + contentType.substring(contentType.indexOf("boundary=") + 9))
            .get(0)
            .bytes();
    String eventId = upload.path("request").path("path").asText().split("/")[3];
    for (JsonNode attachment : events.get(eventId).path("attachments")) {
      if (attachment.get("fileName").asText().equals("second.txt")) {
        files.put(eventId + "/" + attachment.get("id").asText(), second);
      }
    }
    ObjectNode seriesEvent =
        exchanges.apply("106").path("response").path("body").path("event").deepCopy();
    events.put(seriesEvent.get("id").asText(), seriesEvent);
    JsonNode seriesPost = exchanges.apply("101").path("request");
    List<JsonNode> points = new ArrayList<>();
    seriesPost.path("body").path("points").forEach(points::add);
    String seriesId = seriesPost.path("path").asText().split("/")[3];
    series.put(seriesId, points);
    // Exchange 106 read the event right after its points were written: the core's update was still
    // pending.
    pendingSeriesUpdates.put(
        seriesId,
        new PendingSeriesUpdate(
            extentOf(points),
            "recorded-writer-token",
            exchanges
                .apply("106")
                .path("response")
                .path("body")
                .path("meta")
                .path("serverTime")
                .asDouble(),
            System.nanoTime()));
  }

  /** The largest deltaTime of the points, in the metadata updater's unit (nanoseconds). */
  static long extentOf(List<JsonNode> points) {
    double max = 0;
    for (JsonNode point : points) {
      max = Math.max(max, point.path(0).asDouble());
    }
    return Math.round(max * 1e9);
  }

  /**
   * Writes a pending series update into its event, as the HFS metadata updater does: only when the
   * event has no duration yet or a shorter one; {@code modified} is the write time and {@code
   * modifiedBy} the writer's token. A deleted event keeps its old integrity: its stored integrity
   * then no longer matches its content.
   */
  void flushSeriesUpdate(String eventId, PendingSeriesUpdate update) {
    ObjectNode event = events.get(eventId);
    if (event != null) {
      JsonNode duration = event.get("duration");
      if (duration == null || duration.isNull() || update.extent() > duration.asLong()) {
        event
            .put("duration", update.extent())
            .put("modified", update.timestamp())
            .put("modifiedBy", update.author());
        event.put("integrity", EventIntegrity.compute(event));
      }
      return;
    }
    ObjectNode deletion = eventDeletions.get(eventId);
    if (deletion != null) {
      ObjectNode stored = deletion.deepCopy();
      stored
          .put("duration", update.extent())
          .put("modified", update.timestamp())
          .put("modifiedBy", update.author());
      deletion.put(
          "integrity",
          EventIntegrity.compute(stored)); // computed over fields the API does not show
    }
  }

  private void importStreams(JsonNode list) {
    for (JsonNode stream : list) {
      if (!stream.get("id").asText().startsWith(":")) {
        ObjectNode copy = stream.deepCopy();
        copy.remove("children");
        streams.put(copy.get("id").asText(), copy);
      }
      importStreams(stream.path("children"));
    }
  }

  // ---- damage, for tests ----

  public void loseEvent(String id) {
    requireEvent(id);
    events.remove(id);
  }

  /** Changes the content without touching integrity, as a broken restore would. */
  public void corruptContent(String id, JsonNode content) {
    requireEvent(id).set("content", content);
  }

  public void loseAttachmentFile(String eventId) {
    files.keySet().removeIf(key -> key.startsWith(eventId + "/"));
  }

  public void truncateSeries(String eventId, int keep) {
    List<JsonNode> points = series.get(eventId);
    points.subList(keep, points.size()).clear();
  }

  /**
   * Flips one bit of the attachment's first byte: same size, other bytes, declared integrity kept.
   */
  public void flipAttachmentByte(String eventId, String fileId) {
    file(eventId, fileId)[0] ^= 1;
  }

  public byte[] file(String eventId, String fileId) {
    byte[] bytes = files.get(eventId + "/" + fileId);
    if (bytes == null) {
      throw new IllegalArgumentException("no file " + eventId + "/" + fileId);
    }
    return bytes;
  }

  /**
   * Declares another attachment integrity while the bytes stay right (the event itself changes with
   * it).
   */
  public void replaceAttachmentIntegrity(String eventId, String fileId, String integrity) {
    for (JsonNode attachment : requireEvent(eventId).path("attachments")) {
      if (attachment.path("id").asText().equals(fileId)) {
        ((ObjectNode) attachment).put("integrity", integrity);
      }
    }
  }

  /** Adds 1 to the value of one point: same count, other points. */
  public void changeSeriesValue(String eventId, int point) {
    List<JsonNode> points = series.get(eventId);
    ArrayNode changed = points.get(point).deepCopy();
    changed.set(1, JSON.numberNode(changed.get(1).asDouble() + 1));
    points.set(point, changed);
  }

  public void renameStream(String id, String name) {
    ObjectNode stream = streams.get(id);
    if (stream == null) {
      throw new IllegalArgumentException("no stream " + id);
    }
    stream.put("name", name);
  }

  /** Renames an access and raises its first permission to contribute; its token keeps working. */
  public void changeAccess(String id, String name) {
    ObjectNode access = accesses.get(id);
    access.put("name", name);
    ((ObjectNode) access.path("permissions").get(0)).put("level", "contribute");
  }

  /** Declares another integrity while the content stays right. */
  public void replaceIntegrity(String id, String integrity) {
    requireEvent(id).put("integrity", integrity);
  }

  public List<String> accessIdsOfType(String type) {
    return accesses.values().stream()
        .filter(a -> a.path("type").asText().equals(type))
        .map(a -> a.get("id").asText())
        .toList();
  }

  public void addEvent(ObjectNode event) {
    event.put("integrity", EventIntegrity.compute(event));
    events.put(event.get("id").asText(), event);
  }

  /**
   * Adds {@code count} note events in {@code streamId}, {@code perTime} of them sharing each time
   * (starting at {@code firstTime}, one second apart), with ids from {@code prefix}: an account
   * where paging by time alone is ambiguous.
   */
  public List<String> addEventsSharingTimes(
      String streamId, String prefix, int count, int perTime, double firstTime) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String digits = Integer.toString(i, 36);
      String id = "c" + prefix + "0".repeat(24 - prefix.length() - digits.length()) + digits;
      ObjectNode event = JSON.objectNode().put("id", id);
      event.putArray("streamIds").add(streamId);
      double created = 1795469000.5 + i / 1000.0;
      event
          .put("type", "note/txt")
          .put("content", "event " + i)
          .put("time", firstTime + (i / perTime))
          .put("created", created)
          .put("createdBy", "tests")
          .put("modified", created)
          .put("modifiedBy", "tests");
      addEvent(event);
      ids.add(id);
    }
    return ids;
  }

  /**
   * Deletes an event for good, as the second DELETE does (the deletion keeps only id, deleted,
   * integrity).
   */
  public void deleteEvent(String id, double deleted) {
    requireEvent(id);
    events.remove(id);
    ObjectNode deletion = JSON.objectNode().put("id", id).put("deleted", deleted);
    deletion.put("integrity", EventIntegrity.compute(deletion));
    eventDeletions.put(id, deletion);
  }

  /** Deletes a stream for good (a stream deletion), leaving its events where they are. */
  public void deleteStream(String id, double deleted) {
    if (streams.remove(id) == null) {
      throw new IllegalArgumentException("no stream " + id);
    }
    streamDeletions.put(id, JSON.objectNode().put("id", id).put("deleted", deleted));
  }

  public List<String> streamIds() {
    return new ArrayList<>(streams.keySet());
  }

  /** Adds a stream (root when parentId is null). */
  public void addStream(String id, String parentId) {
    ObjectNode stream = JSON.objectNode().put("id", id).put("name", id);
    stream.set("parentId", parentId == null ? JSON.nullNode() : JSON.textNode(parentId));
    stream
        .put("created", 1795469000.25)
        .put("createdBy", "tests")
        .put("modified", 1795469000.25)
        .put("modifiedBy", "tests");
    streams.put(id, stream);
  }

  /** What a restore that drops trashed items, then replays the trash as deletions, would leave. */
  public void turnTrashedIntoDeleted(String id) {
    ObjectNode event = requireEvent(id);
    if (!event.path("trashed").asBoolean()) {
      throw new IllegalArgumentException(id + " is not trashed");
    }
    events.remove(id);
    ObjectNode deletion =
        JSON.objectNode().put("id", id).put("deleted", event.get("modified").asDouble() + 1);
    deletion.put("integrity", EventIntegrity.compute(deletion));
    eventDeletions.put(id, deletion);
  }

  public ObjectNode event(String id) {
    return requireEvent(id);
  }

  public List<String> eventIds() {
    return new ArrayList<>(events.keySet());
  }

  public List<String> eventIdsOfType(String type) {
    return events.values().stream()
        .filter(e -> e.path("type").asText().equals(type))
        .map(e -> e.get("id").asText())
        .toList();
  }

  public List<String> trashedEventIds() {
    return events.values().stream()
        .filter(e -> e.path("trashed").asBoolean())
        .map(e -> e.get("id").asText())
        .toList();
  }

  private ObjectNode requireEvent(String id) {
    ObjectNode event = events.get(id);
    if (event == null) {
      throw new IllegalArgumentException("no event " + id);
    }
    return event;
  }

  /** A deep copy of the whole account: the "dest" after a perfect migration. */
  public FakeAccount copy() {
    FakeAccount copy = new FakeAccount(user, created);
    streams.forEach((k, v) -> copy.streams.put(k, v.deepCopy()));
    streamDeletions.forEach((k, v) -> copy.streamDeletions.put(k, v.deepCopy()));
    events.forEach((k, v) -> copy.events.put(k, v.deepCopy()));
    eventDeletions.forEach((k, v) -> copy.eventDeletions.put(k, v.deepCopy()));
    files.forEach((k, v) -> copy.files.put(k, v.clone()));
    series.forEach((k, v) -> copy.series.put(k, new ArrayList<>(v)));
    accesses.forEach((k, v) -> copy.accesses.put(k, v.deepCopy()));
    return copy;
  }

  ArrayNode streamTree(String parent, boolean includeTrashed) {
    ArrayNode list = JSON.arrayNode();
    for (ObjectNode stream : streams.values()) {
      String parentId =
          stream.path("parentId").isTextual() ? stream.get("parentId").asText() : null;
      boolean matches = parent == null ? parentId == null : parent.equals(parentId);
      if (!matches || (!includeTrashed && stream.path("trashed").asBoolean())) {
        continue;
      }
      ObjectNode copy = stream.deepCopy();
      copy.set("children", streamTree(stream.get("id").asText(), includeTrashed));
      list.add(copy);
    }
    return list;
  }
}
