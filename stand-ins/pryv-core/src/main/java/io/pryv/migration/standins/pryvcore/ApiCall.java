package io.pryv.migration.standins.pryvcore;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API request as the core reads it (method, decoded path segments, query parameters, body) and
 * the answer it gets. The answer is held here until what the request changed is saved: a core
 * answers once its write is durable.
 */
final class ApiCall {
  final HttpExchange exchange;
  final String method;
  final List<String> path;
  final Map<String, List<String>> query;
  final byte[] body;

  /** The account the request reached (saved after a write), or null. */
  FakeAccount account;

  Response response;

  /** An answer: status, headers, body bytes. */
  record Response(int status, Map<String, String> headers, byte[] bytes) {}

  private ApiCall(
      HttpExchange exchange, List<String> path, Map<String, List<String>> query, byte[] body) {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    this.path = path;
    this.query = query;
    this.body = body;
  }

  static ApiCall of(HttpExchange exchange, byte[] body) {
    List<String> path = new ArrayList<>();
    for (String part : exchange.getRequestURI().getRawPath().split("/")) {
      if (!part.isEmpty()) {
        path.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
      }
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String key =
            URLDecoder.decode(
                equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        String value =
            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    return new ApiCall(exchange, path, query, body);
  }

  String param(String name) {
    List<String> values = query.get(name);
    return values == null ? null : values.get(0);
  }

  static void write(HttpExchange exchange, Response response) throws IOException {
    response.headers().forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(
        response.status(), response.bytes().length == 0 ? -1 : response.bytes().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.bytes());
    }
  }
}
