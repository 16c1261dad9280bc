package io.pryv.migration.standins.pryvcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code events.get} as the live core answers it: the defaults (20 events; {@code fromTime}/{@code
 * toTime} rules), {@code fromTime} bounding the end of an event, running events only in windows
 * that hold "now", states, {@code modifiedSince}, types, {@code streams[]} with their children (or
 * the access's scope), events ordered by {@code time} only and paged with skip/limit, and {@code
 * eventDeletions} that ignore {@code streams[]}.
 */
final class EventQuery {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** How far back "now" reaches for running events, as the core's DELTA_TO_CONSIDER_IS_NOW. */
  private static final double NOW_DELTA = 5;

  private final Random tieOrder;

  EventQuery(Random tieOrder) {
    this.tieOrder = tieOrder;
  }

  /** The answer's body (events, and eventDeletions when asked), {@code meta} left to the caller. */
  ObjectNode answer(
      ApiCall call,
      FakeAccount account,
      String[] access,
      double now,
      UnaryOperator<ObjectNode> present) {
    String fromText = call.param("fromTime");
    String toText = call.param("toTime");
    String limitText = call.param("limit");
    Integer limit = null;
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        ArrayNode data = JSON.arrayNode();
        data.addObject()
            .put("code", "INVALID_TYPE")
            .put("message", "must be number")
            .put("path", "#/limit");
        throw new FakePryvServer.Failure(
            400, "invalid-parameters-format", "The parameters' format is invalid.", data);
      }
    }
    Double from = fromText == null ? null : Double.valueOf(fromText);
    Double to = toText == null ? null : Double.valueOf(toText);
    if (from == null && to == null && limit == null) {
      limit = 20;
    }
    if (from != null && to == null) {
      to = now;
    }
    if (to != null && from == null) {
      from = to - 24 * 3600;
    }
    Set<String> streams = null;
    if (call.query.containsKey("streams[]")) {
      streams = new HashSet<>();
      List<String> unknown = new ArrayList<>();
      for (String root : call.query.get("streams[]")) {
        if (!account.streams.containsKey(root)) {
          unknown.add(root);
        } else {
          addWithChildren(account, root, streams);
        }
      }
      if (!unknown.isEmpty()) {
        ObjectNode data = JSON.objectNode();
        unknown.forEach(data.putArray("streams")::add);
        throw new FakePryvServer.Failure(
            400, "unknown-referenced-resource", "Unknown referenced streams", data);
      }
    } else if (!FakePryvServer.personal(access)) {
      streams = new HashSet<>();
      addWithChildren(account, access[2], streams);
    }
    String state = call.param("state") == null ? "default" : call.param("state");
    Double modifiedSince =
        call.param("modifiedSince") == null ? null : Double.valueOf(call.param("modifiedSince"));
    boolean running = "true".equals(call.param("running"));
    // localStorePrepareQuery: fromTime bounds the end of the event (time + duration); a running
    // event (no end)
    // is in only when the window holds "now" (minus a few seconds)
    boolean windowHoldsNow =
        from != null && from <= now - NOW_DELTA && (to == null || to >= now - NOW_DELTA);
    List<String> types = call.query.get("types[]");
    List<ObjectNode> all = new ArrayList<>(account.events.values());
    if (FakePryvServer.personal(access) && streams == null) {
      all.addAll(account.systemEvents(now));
    }
    List<ObjectNode> selected = new ArrayList<>();
    for (ObjectNode event : all) {
      double time = event.get("time").asDouble();
      boolean trashed = event.path("trashed").asBoolean();
      JsonNode duration = event.get("duration");
      boolean isRunning = duration != null && duration.isNull();
      if ((to != null && time > to)
          || (state.equals("default") && trashed)
          || (state.equals("trashed") && !trashed)
          || (modifiedSince != null && !(event.get("modified").asDouble() > modifiedSince))
          || (types != null && !types.contains(event.get("type").asText()))
          || (running && !isRunning)) {
        continue;
      }
      if (!running && from != null) {
        boolean in =
            isRunning
                ? windowHoldsNow
                : time + (duration == null ? 0 : duration.asDouble()) >= from;
        if (!in) {
          continue;
        }
      }
      if (streams != null) {
        boolean in = false;
        for (JsonNode s : event.get("streamIds")) {
          in |= streams.contains(s.asText());
        }
        if (!in) {
          continue;
        }
      }
      selected.add(event);
    }
    boolean ascending = "true".equals(call.param("sortAscending"));
    sortByOnly(selected, "time", ascending);
    int skip = call.param("skip") == null ? 0 : Integer.parseInt(call.param("skip"));
    ObjectNode body = JSON.objectNode();
    ArrayNode events = body.putArray("events");
    selected.stream()
        .skip(skip)
        .limit(limit == null ? Long.MAX_VALUE : limit)
        .forEach(e -> events.add(present.apply(e)));
    if ("true".equals(call.param("includeDeletions")) && modifiedSince != null) {
      ArrayNode deletions = body.putArray("eventDeletions");
      double since = modifiedSince;
      // every deletion of the account (streams[] and the access's scope do not apply), deleted >
      // modifiedSince,
      // ordered by deletion time only, paged with the same skip/limit
      List<ObjectNode> deleted =
          new ArrayList<>(
              account.eventDeletions.values().stream()
                  .filter(d -> d.get("deleted").asDouble() > since)
                  .toList());
      sortByOnly(deleted, "deleted", ascending);
      deleted.stream()
          .skip(skip)
          .limit(limit == null ? Long.MAX_VALUE : limit)
          .forEach(deletions::add);
    }
    return body;
  }

  /**
   * Sorts by one field only, as the PostgreSQL engine does ({@code ORDER BY time}, no tie-breaker):
   * items that share the value come back in an order that changes from one request to the next.
   */
  private void sortByOnly(List<ObjectNode> items, String field, boolean ascending) {
    synchronized (tieOrder) {
      java.util.Collections.shuffle(items, tieOrder);
    }
    Comparator<ObjectNode> order = Comparator.comparingDouble(e -> e.get(field).asDouble());
    items.sort(ascending ? order : order.reversed());
  }

  private static void addWithChildren(FakeAccount account, String root, Set<String> out) {
    out.add(root);
    for (ObjectNode stream : account.streams.values()) {
      if (root.equals(stream.path("parentId").asText(null))
          && !out.contains(stream.get("id").asText())) {
        addWithChildren(account, stream.get("id").asText(), out);
      }
    }
  }
}
