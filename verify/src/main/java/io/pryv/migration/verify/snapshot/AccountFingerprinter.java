package io.pryv.migration.verify.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.integrity.CanonicalJson;
import io.pryv.migration.common.integrity.EventIntegrity;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.verify.api.ApiError;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Query;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a whole account (or a seed's marker streams) through the API and turns it into {@link
 * Item}s, streaming: events are read window by window ({@link TimeWindowPager}: never {@code skip},
 * so events sharing a time are neither lost nor counted twice), in three lists: events with an end
 * (newest first), running events, and deletions (oldest first). Each event is parsed on its own, so
 * memory does not grow with the account. System streams and events ({@code :} ids) are left out.
 * Series events that the core has not rewritten yet are waited for as {@link Settling} says.
 */
public final class AccountFingerprinter {
  /**
   * The whole timeline: without explicit bounds the API returns 20 events, or stops at now, or
   * starts 24 h back.
   */
  static final String FROM_TIME = "-9999999999";

  /** A window that holds no event: the deletions list is read with it. */
  static final String NO_EVENT_TIME = "-9999999999";

  private final ObjectMapper mapper = PryvJson.mapper();
  private final PryvApi api;
  private final int pageSize;
  private final boolean downloadAttachments;
  private final Settling settling;
  private final String user;

  public AccountFingerprinter(
      PryvApi api, int pageSize, boolean downloadAttachments, Settling settling, String user) {
    this.api = api;
    this.pageSize = pageSize;
    this.downloadAttachments = downloadAttachments;
    this.settling = settling;
    this.user = user;
  }

  public AccountSummary fingerprint(Scope scope, ItemSink sink) {
    AccountSummary summary = new AccountSummary();
    ItemSink counting =
        item -> {
          summary.count(item);
          sink.accept(item);
        };
    streams(scope, counting);
    List<Unsettled> unsettled = new ArrayList<>();
    events(scope, counting, unsettled);
    settle(unsettled, counting, summary);
    if (scope.whole()) {
      summary.accessesReadable(accesses(counting));
    }
    return summary;
  }

  private void streams(Scope scope, ItemSink sink) {
    JsonNode body = api.getJson("streams", Query.of("state", "all", "includeDeletionsSince", "0"));
    walkStreams(body.path("streams"), scope, sink);
    for (JsonNode deletion : body.path("streamDeletions")) {
      String id = deletion.path("id").asText();
      if (!id.startsWith(":")) {
        Item item =
            new Item(
                "stream",
                id,
                Item.DELETED,
                Sha256.tagged(CanonicalJson.write(deletion)),
                null,
                null,
                null,
                null,
                null);
        if (scope.covers(item)) {
          sink.accept(item);
        }
      }
    }
  }

  private void walkStreams(JsonNode streams, Scope scope, ItemSink sink) {
    for (JsonNode stream : streams) {
      String id = stream.path("id").asText();
      if (id.startsWith(":")) {
        continue;
      }
      ObjectNode withoutChildren = ((ObjectNode) stream).deepCopy();
      withoutChildren.remove("children");
      String state = stream.path("trashed").asBoolean(false) ? Item.TRASHED : Item.ACTIVE;
      Item item =
          new Item(
              "stream",
              id,
              state,
              Sha256.tagged(CanonicalJson.write(withoutChildren)),
              null,
              null,
              null,
              stream.path("name").asText(null),
              stream.path("parentId").isTextual()
                  ? List.of(stream.get("parentId").asText())
                  : null);
      if (scope.covers(item)) {
        sink.accept(item);
      }
      walkStreams(stream.path("children"), scope, sink);
    }
  }

  /**
   * What one row of an events page holds: the event's item, or the raw series event, and its
   * attachments.
   */
  private record Read(
      Item item, ObjectNode seriesEvent, boolean running, List<Pending> attachments) {}

  private record Pending(
      String eventId,
      String fileId,
      String fileName,
      String declared,
      String state,
      List<String> streamIds) {}

  /** A series event whose duration does not cover its points yet, with what was read of it. */
  private record Unsettled(ObjectNode event, SeriesRead series) {}

  private record SeriesRead(Item item, long count, double lastDeltaTime) {}

  private void events(Scope scope, ItemSink sink, List<Unsettled> unsettled) {
    String what = "account " + user + ": events";
    java.util.function.Consumer<TimeWindowPager.Row<Read>> emit =
        row -> {
          Read read = row.value();
          if (read != null) {
            accept(read, scope, sink, unsettled);
          }
        };
    try {
      // events with an end; running ones are in this list only while the window holds "now", so
      // they get their own
      // pass. One running in the first pass and stopped before the second is in neither list: it is
      // read again.
      Set<String> runningInFirstPass = new HashSet<>();
      new TimeWindowPager(TimeWindowPager.Order.NEWEST_FIRST, pageSize, what)
          .read(
              (cursor, limit) -> eventsPage(scope, cursor, limit, false),
              row -> {
                if (row.value() != null && row.value().running()) {
                  runningInFirstPass.add(row.id());
                } else {
                  emit.accept(row);
                }
              });
      new TimeWindowPager(
              TimeWindowPager.Order.NEWEST_FIRST, pageSize, "account " + user + ": running events")
          .read(
              (cursor, limit) -> eventsPage(scope, cursor, limit, true),
              row -> {
                runningInFirstPass.remove(row.id());
                emit.accept(row);
              });
      for (String id : runningInFirstPass.stream().sorted().toList()) {
        ObjectNode now = reread(id);
        if (now != null) { // else deleted meanwhile: the deletions list has it
          accept(read(now, id), scope, sink, unsettled);
        }
      }
    } catch (ApiError e) {
      if (scope.whole() || !e.errorId().equals("unknown-referenced-resource")) {
        throw e;
      }
      // the marker streams are gone: their events show as missing, or as deleted (the deletions
      // list below)
    }
    new TimeWindowPager(
            TimeWindowPager.Order.OLDEST_FIRST, pageSize, "account " + user + ": event deletions")
        .read(
            (cursor, limit) -> deletionsPage(cursor, limit),
            row -> {
              Item item = row.value() == null ? null : row.value().item();
              if (item != null && scope.covers(item)) {
                sink.accept(item);
              }
            });
  }

  private List<TimeWindowPager.Row<Read>> eventsPage(
      Scope scope, String toTime, int limit, boolean running) {
    Query query =
        Query.of(
            "fromTime",
            FROM_TIME,
            "toTime",
            toTime,
            "state",
            "all",
            "sortAscending",
            "false",
            "limit",
            String.valueOf(limit));
    if (running) {
      query.add("running", "true");
    }
    scope.rootStreams().forEach(root -> query.add("streams[]", root));
    return api.get("events", query, (body, response) -> readPage(body, "events"));
  }

  /**
   * Every deletion of the account: the API ignores streams[] for them, and the scope filters them
   * afterwards.
   */
  private List<TimeWindowPager.Row<Read>> deletionsPage(String modifiedSince, int limit) {
    Query query =
        Query.of(
            "fromTime",
            NO_EVENT_TIME,
            "toTime",
            NO_EVENT_TIME,
            "state",
            "all",
            "modifiedSince",
            modifiedSince,
            "includeDeletions",
            "true",
            "sortAscending",
            "true",
            "limit",
            String.valueOf(limit));
    return api.get("events", query, (body, response) -> readPage(body, "eventDeletions"));
  }

  private List<TimeWindowPager.Row<Read>> readPage(InputStream body, String list)
      throws IOException {
    List<TimeWindowPager.Row<Read>> rows = new ArrayList<>();
    try (JsonParser parser = PryvJson.factory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("events.get did not return a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(list) && value == JsonToken.START_ARRAY) {
          boolean deletions = list.equals("eventDeletions");
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            ObjectNode event = mapper.readTree(parser);
            String id = event.path("id").asText();
            JsonNode key = event.get(deletions ? "deleted" : "time");
            double time = key != null && key.isNumber() ? key.doubleValue() : Double.NaN;
            // system events (":" ids) still count for paging, but are not recorded
            Read read =
                id.startsWith(":")
                    ? null
                    : deletions
                        ? new Read(
                            eventItem(event, id, Item.DELETED, null, null), null, false, List.of())
                        : read(event, id);
            rows.add(new TimeWindowPager.Row<>(time, id, read));
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return rows;
  }

  private Read read(ObjectNode event, String id) {
    String state = event.path("trashed").asBoolean(false) ? Item.TRASHED : Item.ACTIVE;
    List<String> streamIds = streamIds(event);
    JsonNode duration = event.get("duration");
    boolean running = duration != null && duration.isNull();
    List<Pending> attachments = new ArrayList<>();
    for (JsonNode attachment : event.path("attachments")) {
      attachments.add(
          new Pending(
              id,
              attachment.path("id").asText(),
              attachment.path("fileName").asText(),
              attachment.path("integrity").asText(null),
              state,
              streamIds));
    }
    if (event.path("type").asText("").startsWith("series:")) {
      return new Read(null, event, running, attachments);
    }
    return new Read(
        eventItem(event, id, state, event.path("type").asText(null), streamIds),
        null,
        running,
        attachments);
  }

  private void accept(Read read, Scope scope, ItemSink sink, List<Unsettled> unsettled) {
    if (read.seriesEvent() == null) {
      sink.accept(read.item());
    } else {
      ObjectNode event = read.seriesEvent();
      SeriesRead series = series(event);
      if (settled(event, series)) {
        sink.accept(seriesEventItem(event));
        sink.accept(series.item());
      } else {
        unsettled.add(new Unsettled(event, series));
      }
    }
    for (Pending pending : read.attachments()) {
      sink.accept(attachment(pending));
    }
  }

  /**
   * Whether the core has already rewritten a series event for its points: its {@code duration}, in
   * the updater's unit (nanoseconds of deltaTime), covers the last point.
   */
  static boolean settled(JsonNode event, long points, double lastDeltaTime) {
    if (points == 0) {
      return true;
    }
    JsonNode duration = event.get("duration");
    return duration != null
        && duration.isNumber()
        && duration.doubleValue() >= lastDeltaTime * 1e9 - 0.5;
  }

  private static boolean settled(JsonNode event, SeriesRead series) {
    return series.item().hash() == null || settled(event, series.count(), series.lastDeltaTime());
  }

  private Item seriesEventItem(ObjectNode event) {
    String id = event.path("id").asText();
    String state = event.path("trashed").asBoolean(false) ? Item.TRASHED : Item.ACTIVE;
    return eventItem(event, id, state, event.path("type").asText(null), streamIds(event));
  }

  /**
   * Waits, within the bound, until every unsettled series event has been rewritten; then records
   * them.
   */
  private void settle(List<Unsettled> unsettled, ItemSink sink, AccountSummary summary) {
    if (unsettled.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    long bound = settling.bound().toNanos();
    if (settling.waits()) {
      settling.say(
          "account "
              + user
              + ": waiting up to "
              + Settling.describe(settling.bound())
              + " for "
              + unsettled.size()
              + " series event(s) to settle (the core rewrites a series event about 10 s after its"
              + " last points write)");
    }
    List<Unsettled> waiting = new ArrayList<>(unsettled);
    while (!waiting.isEmpty() && settling.waits() && System.nanoTime() - start < bound) {
      long left = bound - (System.nanoTime() - start);
      try {
        settling
            .sleeper()
            .sleep(
                java.time.Duration.ofNanos(Math.min(Settling.POLL.toNanos(), Math.max(0, left))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw io.pryv.migration.common.ToolException.environment(
            "interrupted while waiting for series events" + " to settle");
      }
      for (int i = 0; i < waiting.size(); i++) {
        Unsettled entry = waiting.get(i);
        ObjectNode now = reread(entry.event().path("id").asText());
        if (now == null) {
          waiting.remove(i--); // deleted meanwhile: the deletions list has it
          continue;
        }
        SeriesRead series = series(now);
        if (settled(now, series)) {
          sink.accept(seriesEventItem(now));
          sink.accept(series.item());
          waiting.remove(i--);
        } else {
          waiting.set(i, new Unsettled(now, series));
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (waiting.isEmpty()) {
      if (settling.waits()) {
        settling.say(
            "account "
                + user
                + ": series settled after "
                + String.format(java.util.Locale.ROOT, "%.1f s", seconds));
      }
      return;
    }
    for (Unsettled entry : waiting) {
      sink.accept(seriesEventItem(entry.event()));
      sink.accept(entry.series().item());
      summary.unsettled(entry.event().path("id").asText());
      if (settling.progress() != null) {
        settling.say(
            "warning: account "
                + user
                + ": series event "
                + entry.event().path("id").asText()
                + " has not settled"
                + (settling.waits()
                    ? " within " + Settling.describe(settling.bound())
                    : " (--settle 0)")
                + ": its duration does not cover its points yet (the core rewrites it about 10 s"
                + " after the last points write, or dropped the update if it was stopped meanwhile); if it is rewritten"
                + " later, check will report it CHANGED: record again later, or raise --settle");
      }
    }
  }

  /**
   * The event as the core holds it now, or null when it was deleted meanwhile (the core answers
   * 404).
   */
  private ObjectNode reread(String id) {
    JsonNode now;
    try {
      now = api.getJson("events/" + id, new Query()).path("event");
    } catch (ApiError e) {
      if (!"unknown-resource".equals(e.errorId())) {
        throw e;
      }
      return null;
    }
    return now.isObject() && !now.has("deleted") ? (ObjectNode) now : null;
  }

  private static Item eventItem(
      ObjectNode event, String id, String state, String type, List<String> streamIds) {
    String hash = EventIntegrity.compute(event);
    String declared = event.path("integrity").asText(null);
    return new Item(
        "event",
        id,
        state,
        hash,
        declared,
        declared == null ? null : declared.equals(hash),
        null,
        type,
        streamIds);
  }

  private static List<String> streamIds(JsonNode event) {
    List<String> ids = new ArrayList<>();
    event.path("streamIds").forEach(s -> ids.add(s.asText()));
    if (ids.isEmpty() && event.path("streamId").isTextual()) {
      ids.add(event.get("streamId").asText());
    }
    return ids;
  }

  private Item attachment(Pending pending) {
    String id = pending.eventId() + "/" + pending.fileId();
    if (!downloadAttachments) {
      return new Item(
          "attachment",
          id,
          pending.state,
          pending.declared,
          pending.declared,
          null,
          null,
          pending.fileName,
          pending.streamIds);
    }
    try {
      long[] size = new long[1];
      String hash =
          api.get(
              "events/" + pending.eventId + "/" + pending.fileId,
              new Query(),
              (body, response) -> {
                MessageDigest digest = Sha256.newDigest();
                byte[] buffer = new byte[65536];
                long total = 0;
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                  digest.update(buffer, 0, n);
                  total += n;
                }
                size[0] = total;
                return Sha256.tagged(digest.digest());
              });
      return new Item(
          "attachment",
          id,
          pending.state,
          hash,
          pending.declared,
          pending.declared == null ? null : pending.declared.equals(hash),
          size[0],
          pending.fileName,
          pending.streamIds);
    } catch (ApiError e) {
      return new Item(
          "attachment",
          id,
          pending.state,
          null,
          pending.declared,
          null,
          null,
          pending.fileName + "; not downloadable: HTTP " + e.status() + " " + e.errorId(),
          pending.streamIds);
    }
  }

  /**
   * Reads the points of a series event: their count, a hash of their canonical form, and the last
   * deltaTime.
   */
  private SeriesRead series(ObjectNode event) {
    String eventId = event.path("id").asText();
    String state = event.path("trashed").asBoolean(false) ? Item.TRASHED : Item.ACTIVE;
    List<String> streamIds = streamIds(event);
    try {
      long[] count = new long[1];
      double[] last = new double[1];
      String[] fields = new String[1];
      String hash =
          api.get(
              "events/" + eventId + "/series",
              new Query(),
              (body, response) -> {
                MessageDigest digest = Sha256.newDigest();
                count[0] = 0;
                last[0] = 0;
                try (JsonParser parser = PryvJson.factory().createParser(body)) {
                  if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("series GET did not return a JSON object");
                  }
                  while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("points") && value == JsonToken.START_ARRAY) {
                      StringBuilder point = new StringBuilder(64);
                      while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode node = mapper.readTree(parser);
                        point.setLength(0);
                        CanonicalJson.write(node, point);
                        point.append('\n');
                        digest.update(point.toString().getBytes(StandardCharsets.UTF_8));
                        count[0]++;
                        last[0] = Math.max(last[0], node.path(0).asDouble(0));
                      }
                    } else if (field.equals("fields")) {
                      fields[0] = CanonicalJson.write(mapper.readTree(parser));
                    } else {
                      parser.skipChildren();
                    }
                  }
                }
                return Sha256.tagged(digest.digest());
              });
      return new SeriesRead(
          new Item("series", eventId, state, hash, null, null, count[0], fields[0], streamIds),
          count[0],
          last[0]);
    } catch (ApiError e) {
      return new SeriesRead(
          new Item(
              "series",
              eventId,
              state,
              null,
              null,
              null,
              null,
              "not readable: HTTP " + e.status() + " " + e.errorId(),
              streamIds),
          0,
          0);
    }
  }

  /** Accesses, without their tokens (never stored); false when the token may not list them. */
  private boolean accesses(ItemSink sink) {
    JsonNode body;
    try {
      body = api.getJson("accesses", new Query());
    } catch (ApiError e) {
      if (e.status() == 403 || e.status() == 401) {
        return false;
      }
      throw e;
    }
    for (JsonNode access : body.path("accesses")) {
      ObjectNode copy = ((ObjectNode) access).deepCopy();
      copy.remove(List.of("token", "apiEndpoint", "lastUsed"));
      sink.accept(
          new Item(
              "access",
              copy.path("id").asText(),
              Item.ACTIVE,
              Sha256.tagged(CanonicalJson.write(copy)),
              copy.path("integrity").asText(null),
              null,
              null,
              copy.path("type").asText("") + " " + copy.path("name").asText(""),
              null));
    }
    return true;
  }
}
