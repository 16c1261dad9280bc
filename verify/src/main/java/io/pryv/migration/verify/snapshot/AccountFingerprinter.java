package io.pryv.migration.verify.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.verify.api.ApiError;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Query;
import io.pryv.migration.verify.integrity.CanonicalJson;
import io.pryv.migration.verify.integrity.EventIntegrity;
import io.pryv.migration.verify.integrity.PryvJson;
import io.pryv.migration.verify.integrity.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a whole account (or a seed's marker streams) through the API and turns it into {@link Item}s, streaming:
 * events are read page by page ({@code skip}/{@code limit}, {@code state=all}, deletions included) and parsed one
 * at a time, so memory does not grow with the account. System streams and events ({@code :} ids) are left out.
 */
public final class AccountFingerprinter {
  /** The whole timeline: without explicit bounds the API returns 20 events, or stops at now, or 24 h back. */
  static final String FROM_TIME = "-9999999999";
  static final String TO_TIME = "99999999999";

  private final ObjectMapper mapper = PryvJson.mapper();
  private final PryvApi api;
  private final int pageSize;
  private final boolean downloadAttachments;

  public AccountFingerprinter(PryvApi api, int pageSize, boolean downloadAttachments) {
    this.api = api;
    this.pageSize = pageSize;
    this.downloadAttachments = downloadAttachments;
  }

  public AccountSummary fingerprint(Scope scope, ItemSink sink) {
    AccountSummary summary = new AccountSummary();
    ItemSink counting = item -> {
      summary.count(item);
      sink.accept(item);
    };
    streams(scope, counting);
    events(scope, counting);
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
        Item item = new Item("stream", id, Item.DELETED, Sha256.tagged(CanonicalJson.write(deletion)), null, null,
            null, null, null);
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
      Item item = new Item("stream", id, state, Sha256.tagged(CanonicalJson.write(withoutChildren)), null, null,
          null, stream.path("name").asText(null),
          stream.path("parentId").isTextual() ? List.of(stream.get("parentId").asText()) : null);
      if (scope.covers(item)) {
        sink.accept(item);
      }
      walkStreams(stream.path("children"), scope, sink);
    }
  }

  private void events(Scope scope, ItemSink sink) {
    Set<String> deletionsSeen = new HashSet<>();
    for (long skip = 0; ; skip += pageSize) {
      Query query = Query.of("fromTime", FROM_TIME, "toTime", TO_TIME, "state", "all", "sortAscending", "true",
          "modifiedSince", "0", "includeDeletions", "true", "skip", String.valueOf(skip),
          "limit", String.valueOf(pageSize));
      scope.rootStreams().forEach(root -> query.add("streams[]", root));
      Page page;
      try {
        page = api.get("events", query, (body, response) -> readPage(body));
      } catch (ApiError e) {
        if (!scope.whole() && e.errorId().equals("unknown-referenced-resource")) {
          return; // the marker streams are gone: every seeded event will show as missing
        }
        throw e;
      }
      int newDeletions = 0;
      for (Item item : page.items) {
        if (item.state().equals(Item.DELETED) && !deletionsSeen.add(item.id())) {
          continue; // a server that does not page deletions repeats them on every page
        }
        if (item.state().equals(Item.DELETED)) {
          newDeletions++;
        }
        sink.accept(item);
      }
      for (Pending pending : page.pending) {
        sink.accept(pending.series ? series(pending) : attachment(pending));
      }
      if (page.events < pageSize && (page.deletions < pageSize || newDeletions == 0)) {
        return;
      }
    }
  }

  private record Pending(boolean series, String eventId, String fileId, String fileName, String declared,
      String state, List<String> streamIds) { }

  private static final class Page {
    final List<Item> items = new ArrayList<>();
    final List<Pending> pending = new ArrayList<>();
    int events;
    int deletions;
  }

  private Page readPage(InputStream body) throws IOException {
    Page page = new Page();
    try (JsonParser parser = PryvJson.factory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("events.get did not return a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ((field.equals("events") || field.equals("eventDeletions")) && value == JsonToken.START_ARRAY) {
          boolean deletions = field.equals("eventDeletions");
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            ObjectNode event = mapper.readTree(parser);
            if (deletions) {
              page.deletions++;
              addDeletion(event, page);
            } else {
              page.events++;
              addEvent(event, page);
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return page;
  }

  private void addEvent(ObjectNode event, Page page) {
    String id = event.path("id").asText();
    if (id.startsWith(":")) {
      return;
    }
    String state = event.path("trashed").asBoolean(false) ? Item.TRASHED : Item.ACTIVE;
    List<String> streamIds = streamIds(event);
    page.items.add(eventItem(event, id, state, event.path("type").asText(null), streamIds));
    for (JsonNode attachment : event.path("attachments")) {
      page.pending.add(new Pending(false, id, attachment.path("id").asText(), attachment.path("fileName").asText(),
          attachment.path("integrity").asText(null), state, streamIds));
    }
    if (event.path("type").asText("").startsWith("series:")) {
      page.pending.add(new Pending(true, id, null, null, null, state, streamIds));
    }
  }

  private void addDeletion(ObjectNode deletion, Page page) {
    String id = deletion.path("id").asText();
    if (!id.startsWith(":")) {
      page.items.add(eventItem(deletion, id, Item.DELETED, null, null));
    }
  }

  private static Item eventItem(ObjectNode event, String id, String state, String type, List<String> streamIds) {
    String hash = EventIntegrity.compute(event);
    String declared = event.path("integrity").asText(null);
    return new Item("event", id, state, hash, declared, declared == null ? null : declared.equals(hash), null,
        type, streamIds);
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
    String id = pending.eventId + "/" + pending.fileId;
    if (!downloadAttachments) {
      return new Item("attachment", id, pending.state, pending.declared, pending.declared, null, null,
          pending.fileName, pending.streamIds);
    }
    try {
      long[] size = new long[1];
      String hash = api.get("events/" + pending.eventId + "/" + pending.fileId, new Query(), (body, response) -> {
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
      return new Item("attachment", id, pending.state, hash, pending.declared,
          pending.declared == null ? null : pending.declared.equals(hash), size[0], pending.fileName,
          pending.streamIds);
    } catch (ApiError e) {
      return new Item("attachment", id, pending.state, null, pending.declared, null, null,
          pending.fileName + "; not downloadable: HTTP " + e.status() + " " + e.errorId(), pending.streamIds);
    }
  }

  private Item series(Pending pending) {
    try {
      long[] count = new long[1];
      String[] fields = new String[1];
      String hash = api.get("events/" + pending.eventId + "/series", new Query(), (body, response) -> {
        MessageDigest digest = Sha256.newDigest();
        count[0] = 0;
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
                point.setLength(0);
                CanonicalJson.write(mapper.readTree(parser), point);
                point.append('\n');
                digest.update(point.toString().getBytes(StandardCharsets.UTF_8));
                count[0]++;
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
      return new Item("series", pending.eventId, pending.state, hash, null, null, count[0], fields[0],
          pending.streamIds);
    } catch (ApiError e) {
      return new Item("series", pending.eventId, pending.state, null, null, null, null,
          "not readable: HTTP " + e.status() + " " + e.errorId(), pending.streamIds);
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
      sink.accept(new Item("access", copy.path("id").asText(), Item.ACTIVE, Sha256.tagged(CanonicalJson.write(copy)),
          copy.path("integrity").asText(null), null, null,
          copy.path("type").asText("") + " " + copy.path("name").asText(""), null));
    }
    return true;
  }
}
