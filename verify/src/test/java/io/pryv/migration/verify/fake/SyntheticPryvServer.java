package io.pryv.migration.verify.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pryv.migration.verify.integrity.EventIntegrity;
import io.pryv.migration.verify.integrity.PryvJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A benchmark core: one account of N generated events (ids, times, contents and integrity computed once), served
 * with the real events.get paging (sortAscending, skip, limit, meta last) and streamed responses. Used by
 * bench/verify/run.sh; not a test. Usage: SyntheticPryvServer PORT EVENTS USER TOKEN
 */
public final class SyntheticPryvServer {
  private final String user;
  private final String token;
  private final String[] integrity;
  private final int events;

  private SyntheticPryvServer(String user, String token, int events) {
    this.user = user;
    this.token = token;
    this.events = events;
    this.integrity = new String[events];
    for (int i = 0; i < events; i++) {
      integrity[i] = EventIntegrity.compute(event(i));
    }
  }

  private static String id(int i) {
    String digits = Integer.toString(i, 36);
    return "cbench" + "0".repeat(19 - digits.length()) + digits;
  }

  private ObjectNode event(int i) {
    ObjectNode event = JsonNodeFactory.instance.objectNode().put("id", id(i));
    event.putArray("streamIds").add(i % 10 == 0 ? "bench-child" : "bench");
    event.put("time", js(1_600_000_000 + i * 0.5));
    switch (i % 3) {
      case 0 -> event.put("type", "note/txt").put("content", "bench event " + i + " é ✓");
      case 1 -> event.put("type", "mass/kg").put("content", 60 + (i % 400) / 10.0);
      default -> event.put("type", "position/wgs84").putObject("content").put("latitude", 46.5 + (i % 97) / 1000.0)
          .put("longitude", 6.6).put("altitude", i % 500);
    }
    event.put("created", js(1_795_469_000.125 + i / 1000.0)).put("createdBy", "benchaccess0000000000001")
        .put("modified", js(1_795_469_000.125 + i / 1000.0)).put("modifiedBy", "benchaccess0000000000001");
    return event;
  }

  /** Numbers written as the Node.js core writes them (1600000000.5, not 1.6000000005E9). */
  private static java.math.BigDecimal js(double value) {
    return new java.math.BigDecimal(io.pryv.migration.verify.integrity.JsNumber.format(value));
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
        send(exchange, 403, "{\"error\":{\"id\":\"invalid-access-token\",\"message\":\"Cannot find access from"
            + " token.\"}}");
        return;
      }
      if (path.equals("/" + user + "/streams")) {
        send(exchange, 200, "{\"streams\":[{\"id\":\"bench\",\"name\":\"Bench\",\"parentId\":null,\"created\":1,"
            + "\"createdBy\":\"x\",\"modified\":1,\"modifiedBy\":\"x\",\"children\":[{\"id\":\"bench-child\","
            + "\"name\":\"Child\",\"parentId\":\"bench\",\"created\":1,\"createdBy\":\"x\",\"modified\":1,"
            + "\"modifiedBy\":\"x\",\"children\":[]}]}],\"streamDeletions\":[],\"meta\":{\"apiVersion\":\"bench\"}}");
      } else if (path.equals("/" + user + "/accesses")) {
        send(exchange, 403, "{\"error\":{\"id\":\"forbidden\",\"message\":\"not in the benchmark\"}}");
      } else if (path.equals("/" + user + "/events")) {
        int skip = Integer.parseInt(query.getOrDefault("skip", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody();
            JsonGenerator json = PryvJson.factory().createGenerator(out)) {
          json.setCodec(PryvJson.mapper());
          json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
          json.writeStartObject();
          json.writeArrayFieldStart("events");
          for (int i = skip; i < Math.min(events, skip + limit); i++) {
            ObjectNode event = event(i);
            event.put("integrity", integrity[i]);
            json.writeTree(event);
          }
          json.writeEndArray();
          json.writeArrayFieldStart("eventDeletions");
          json.writeEndArray();
          json.writeObjectFieldStart("meta");
          json.writeStringField("apiVersion", "bench");
          json.writeEndObject();
          json.writeEndObject();
        }
      } else {
        send(exchange, 404, "{\"error\":{\"id\":\"unknown-resource\",\"message\":\"Unknown resource\"}}");
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
    SyntheticPryvServer core = new SyntheticPryvServer(args[2], args[3], Integer.parseInt(args[1]));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/", core::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println("listening " + server.getAddress().getPort());
    System.out.flush();
  }
}
