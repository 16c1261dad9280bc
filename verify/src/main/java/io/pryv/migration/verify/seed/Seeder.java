package io.pryv.migration.verify.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.verify.api.Multipart;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Query;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code seed}: creates marker data in an existing account that exercises every store (plain events
 * of several types, an attachment, a high-frequency series, a trashed and a deleted event, a child
 * stream and a trashed stream), plus a read-only access for the later check. Events always use
 * {@code streamIds} (never {@code streamId} or {@code tags}), so the same calls work on v1 and v2
 * cores.
 */
public final class Seeder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final PryvApi api;
  private final String runId;
  private final int seriesPoints;
  private final double firstTime;

  /** What was created; the read token is a secret and goes only to the token file. */
  public record Seeded(
      String root,
      Set<String> streams,
      Set<String> eventIds,
      String readAccessId,
      String readToken,
      String attachmentEventId,
      String seriesEventId,
      String trashedEventId,
      String deletedEventId) {}

  /**
   * @param firstTime the time of the first marker event; the others follow one second apart. Taken
   *     from the clock (and the run id) so that two runs never share their event times.
   */
  public Seeder(PryvApi api, String runId, int seriesPoints, double firstTime) {
    this.api = api;
    this.runId = runId;
    this.seriesPoints = seriesPoints;
    this.firstTime = firstTime;
  }

  /**
   * The first event time of a run: an hour before now, in whole seconds, plus a fraction of a
   * second drawn from the run id (two runs started in the same second still differ).
   */
  public static double firstTime(java.time.Instant now, String runId) {
    return now.getEpochSecond() - 3600 + Math.floorMod(runId.hashCode(), 997) / 1000.0;
  }

  public Seeded seed() {
    String root = "verify-" + runId;
    String child = root + "-child";
    String trashedStream = root + "-trashed";
    ArrayNode batch = JSON.arrayNode();
    call(batch, "streams.create", stream(root, "verify marker " + runId, null));
    call(batch, "streams.create", stream(child, "verify child", root));
    call(batch, "streams.create", stream(trashedStream, "verify trashed stream", root));
    double time = firstTime - 1;
    call(
        batch,
        "events.create",
        event(List.of(root), "note/txt", JSON.textNode("verify marker " + runId), time + 1));
    call(batch, "events.create", event(List.of(child), "mass/kg", JSON.numberNode(72.5), time + 2));
    ObjectNode position =
        JSON.objectNode().put("latitude", 46.5191).put("longitude", 6.6323).put("altitude", 495);
    call(batch, "events.create", event(List.of(child), "position/wgs84", position, time + 3));
    ObjectNode counted =
        event(List.of(root, child), "count/generic", JSON.numberNode(42), time + 4);
    counted.put("description", "two streams, clientData");
    counted
        .putObject("clientData")
        .put("verify:run", runId)
        .putArray("list")
        .add(1)
        .addNull()
        .add("é");
    call(batch, "events.create", counted);
    ObjectNode free = JSON.objectNode();
    free.put("text", "héllo 你好 😀 \u2028 \u00ad tab\t")
        .put("big", 1e21)
        .put("small", 1e-7)
        .put("float", 0.1)
        .putNull("dropped");
    free.putArray("nested").add(JSON.objectNode().put("z", 1).put("a", 2)).addNull();
    call(batch, "events.create", event(List.of(root), "verify/marker", free, time + 5));
    ObjectNode period = event(List.of(child), "activity/plain", null, time + 6);
    period.put("duration", 3600);
    call(batch, "events.create", period);
    call(
        batch,
        "events.create",
        event(List.of(root), "note/txt", JSON.textNode("to be trashed"), time + 7));
    call(
        batch,
        "events.create",
        event(List.of(root), "note/txt", JSON.textNode("to be deleted"), time + 8));
    call(batch, "events.create", event(List.of(root), "series:mass/kg", null, time + 9));
    call(
        batch,
        "events.create",
        event(List.of(trashedStream), "note/txt", JSON.textNode("in trashed stream"), time + 10));
    JsonNode results = api.postJson("", batch).path("results");
    List<String> eventIds = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      JsonNode result = results.path(i);
      if (result.has("error")) {
        throw ToolException.environment(
            "seed: batch call "
                + (i + 1)
                + " ("
                + batch.get(i).get("method").asText()
                + ") failed: "
                + result.path("error").path("id").asText()
                + ": "
                + result.path("error").path("message").asText());
      }
      if (result.has("event")) {
        eventIds.add(result.get("event").get("id").asText());
      }
    }
    if (eventIds.size() != 10) {
      throw ToolException.environment(
          "seed: the batch call returned " + eventIds.size() + " events instead of 10");
    }
    String trashed = eventIds.get(6);
    String deleted = eventIds.get(7);
    String series = eventIds.get(8);

    byte[] bytes = attachmentBytes();
    ObjectNode withFile = event(List.of(root), "picture/attached", null, time + 11);
    withFile.put("description", "verify attachment");
    JsonNode created =
        api.postMultipart(
            "events",
            new Multipart()
                .field("event", withFile.toString())
                .file("file", "marker-" + runId + ".bin", "application/octet-stream", bytes));
    String attachmentEvent = created.path("event").path("id").asText();
    eventIds.add(attachmentEvent);

    ObjectNode points = JSON.objectNode().put("format", "flatJSON");
    points.putArray("fields").add("deltaTime").add("value");
    ArrayNode list = points.putArray("points");
    for (int i = 0; i < seriesPoints; i++) {
      list.addArray().add(i).add(70 + (i % 10) / 10.0);
    }
    api.postJson("events/" + series + "/series", points);

    api.delete("events/" + trashed, new Query());
    api.delete("events/" + deleted, new Query());
    api.delete("events/" + deleted, new Query());
    api.delete("streams/" + trashedStream, new Query());

    ObjectNode access =
        JSON.objectNode().put("name", "verify-check-" + runId).put("type", "shared");
    access.putArray("permissions").addObject().put("streamId", root).put("level", "read");
    access.putObject("clientData").put("verify:purpose", "read-only check after the migration");
    JsonNode accessBody = api.postJson("accesses", access).path("access");
    String token = accessBody.path("token").asText(null);
    if (token == null) {
      throw ToolException.environment("seed: accesses.create returned no token");
    }
    return new Seeded(
        root,
        Set.of(root, child, trashedStream),
        Set.copyOf(eventIds),
        accessBody.path("id").asText(),
        token,
        attachmentEvent,
        series,
        trashed,
        deleted);
  }

  private byte[] attachmentBytes() {
    byte[] text = ("verify attachment for run " + runId + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 256];
    System.arraycopy(text, 0, bytes, 0, text.length);
    for (int i = 0; i < 256; i++) {
      bytes[text.length + i] = (byte) i;
    }
    return bytes;
  }

  private static void call(ArrayNode batch, String method, ObjectNode params) {
    batch.addObject().put("method", method).set("params", params);
  }

  private static ObjectNode stream(String id, String name, String parentId) {
    ObjectNode stream = JSON.objectNode().put("id", id).put("name", name);
    if (parentId != null) {
      stream.put("parentId", parentId);
    }
    return stream;
  }

  private static ObjectNode event(
      List<String> streamIds, String type, JsonNode content, double time) {
    ObjectNode event = JSON.objectNode();
    streamIds.forEach(event.putArray("streamIds")::add);
    event.put("type", type);
    if (content != null) {
      event.set("content", content);
    }
    event.put("time", time);
    return event;
  }
}
