package io.pryv.migration.verify.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pryv.migration.common.integrity.EventIntegrity;
import io.pryv.migration.common.integrity.PryvJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A benchmark core: one account of N generated events (ids, times, contents and integrity computed
 * once), TIES of them sharing each time, served as events.get serves them (fromTime/toTime windows,
 * newest first or oldest first, skip, limit, running, meta last) with streamed responses. Used by
 * bench/verify/run.sh; not a test. Usage: SyntheticPryvServer PORT EVENTS USER TOKEN [TIES]
 */
public final class SyntheticPryvServer {
  private static final double FIRST_TIME = 1_600_000_000;
  private static final double STEP = 0.5;
  private final String user;
  private final String token;

  /**
   * Each event's JSON as the core would send it, made once: the benchmark measures the tool, not
   * this core.
   */
  private final byte[][] json;

  private final int events;
  private final int ties;

  private SyntheticPryvServer(String user, String token, int events, int ties) {
    this.user = user;
    this.token = token;
    this.events = events;
    this.ties = ties;
    this.json = new byte[events][];
    com.fasterxml.jackson.databind.ObjectMapper writer =
        PryvJson.mapper().copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    for (int i = 0; i < events; i++) {
      ObjectNode event = event(i);
      event.put("integrity", EventIntegrity.compute(event));
      try {
        json[i] = writer.writeValueAsBytes(event);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static String id(int i) {
    String digits = Integer.toString(i, 36);
    return "cbench" + "0".repeat(19 - digits.length()) + digits;
  }

  private ObjectNode event(int i) {
    ObjectNode event = JsonNodeFactory.instance.objectNode().put("id", id(i));
    event.putArray("streamIds").add(i % 10 == 0 ? "bench-child" : "bench");
    event.put("time", js(time(i)));
    switch (i % 3) {
      case 0 -> event.put("type", "note/txt").put("content", "bench event " + i + " é ✓");
      case 1 -> event.put("type", "mass/kg").put("content", 60 + (i % 400) / 10.0);
      default ->
          event
              .put("type", "position/wgs84")
              .putObject("content")
              .put("latitude", 46.5 + (i % 97) / 1000.0)
              .put("longitude", 6.6)
              .put("altitude", i % 500);
    }
    event
        .put("created", js(1_795_469_000.125 + i / 1000.0))
        .put("createdBy", "benchaccess0000000000001")
        .put("modified", js(1_795_469_000.125 + i / 1000.0))
        .put("modifiedBy", "benchaccess0000000000001");
    return event;
  }

  private double time(int i) {
    return FIRST_TIME + (i / ties) * STEP;
  }

  /** The first index whose time is at or after {@code from}. */
  private int firstAtOrAfter(double from) {
    if (from <= FIRST_TIME) {
      return 0;
    }
    long group = (long) Math.ceil((from - FIRST_TIME) / STEP - 1e-9);
    return (int) Math.min(events, group * ties);
  }

  /** The last index whose time is at or before {@code to}, or -1. */
  private int lastAtOrBefore(double to) {
    if (to < FIRST_TIME) {
      return -1;
    }
    long group = (long) Math.floor((to - FIRST_TIME) / STEP + 1e-9);
    return (int) Math.min(events - 1, (group + 1) * ties - 1);
  }

  /** Numbers written as the Node.js core writes them (1600000000.5, not 1.6000000005E9). */
  private static java.math.BigDecimal js(double value) {
    return new java.math.BigDecimal(io.pryv.migration.common.integrity.JsNumber.format(value));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = new HashMap<>();
      String raw = exchange.getRequestURI().getQuery();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          int equals = pair.indexOf('=');
          query.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
      if (!token.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(
            exchange,
            403,
            "{\"error\":{\"id\":\"invalid-access-token\",\"message\":\"Cannot find access from"
                + " token.\"}}");
        return;
      }
      if (path.equals("/" + user + "/streams")) {
        send(
            exchange,
            200,
            "{\"streams\":[{\"id\":\"bench\",\"name\":\"Bench\",\"parentId\":null,\"created\":1,"
                + "\"createdBy\":\"x\",\"modified\":1,\"modifiedBy\":\"x\",\"children\":[{\"id\":\"bench-child\","
                + "\"name\":\"Child\",\"parentId\":\"bench\",\"created\":1,\"createdBy\":\"x\",\"modified\":1,"
                + "\"modifiedBy\":\"x\",\"children\":[]}]}],\"streamDeletions\":[],\"meta\":{\"apiVersion\":\"bench\"}}");
      } else if (path.equals("/" + user + "/accesses")) {
        send(
            exchange,
            403,
            "{\"error\":{\"id\":\"forbidden\",\"message\":\"not in the benchmark\"}}");
      } else if (path.equals("/" + user + "/events")) {
        int skip = Integer.parseInt(query.getOrDefault("skip", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        boolean running = "true".equals(query.get("running")); // no running event in the benchmark
        int low = firstAtOrAfter(Double.parseDouble(query.getOrDefault("fromTime", "-9999999999")));
        int high = lastAtOrBefore(Double.parseDouble(query.getOrDefault("toTime", "99999999999")));
        boolean ascending = "true".equals(query.get("sortAscending"));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out =
            new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
          out.write("{\"events\":[".getBytes(StandardCharsets.US_ASCII));
          int count =
              running || high < low ? 0 : Math.max(0, Math.min(limit, high - low + 1 - skip));
          for (int n = 0; n < count; n++) {
            if (n > 0) {
              out.write(',');
            }
            out.write(json[ascending ? low + skip + n : high - skip - n]);
          }
          out.write(
              "],\"eventDeletions\":[],\"meta\":{\"apiVersion\":\"bench\"}}"
                  .getBytes(StandardCharsets.US_ASCII));
        }
      } else {
        send(
            exchange,
            404,
            "{\"error\":{\"id\":\"unknown-resource\",\"message\":\"Unknown resource\"}}");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    SyntheticPryvServer core =
        new SyntheticPryvServer(
            args[2],
            args[3],
            Integer.parseInt(args[1]),
            args.length > 4 ? Integer.parseInt(args[4]) : 1);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/", core::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println("listening " + server.getAddress().getPort());
    System.out.flush();
  }
}
