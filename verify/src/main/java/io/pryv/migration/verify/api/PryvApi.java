package io.pryv.migration.verify.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.verify.http.HttpRequest;
import io.pryv.migration.verify.http.HttpResponse;
import io.pryv.migration.verify.http.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls to one Pryv.io API endpoint ({@code https://host/user/} or {@code https://user.domain/}).
 * Timeouts, resets and 5xx are retried with backoff; a 4xx becomes an {@link ApiError} carrying the
 * API's error id. The token goes only into the Authorization header and never into a message.
 */
public final class PryvApi {
  private final HttpTransport transport;
  private final String basePath;
  private final String token;
  private final RetryPolicy retry;

  /** Reads a response body; called again from scratch when the request is retried. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(InputStream body, HttpResponse response) throws IOException;
  }

  public PryvApi(HttpTransport transport, String basePath, String token, RetryPolicy retry) {
    this.transport = transport;
    this.basePath = basePath.endsWith("/") ? basePath : basePath + "/";
    this.token = token;
    this.retry = retry;
  }

  public HttpTransport transport() {
    return transport;
  }

  /** The request path of {@code path} on this endpoint, for messages. */
  public String pathOf(String path) {
    return basePath + (path.startsWith("/") ? path.substring(1) : path);
  }

  public boolean hasToken() {
    return token != null;
  }

  /** The same endpoint with another token (null for none). */
  public PryvApi withToken(String otherToken) {
    return new PryvApi(transport, basePath, otherToken, retry);
  }

  public JsonNode getJson(String path, Query query) {
    return call(
        "GET", path, query, null, null, (body, response) -> PryvJson.mapper().readTree(body));
  }

  public <T> T get(String path, Query query, BodyReader<T> reader) {
    return call("GET", path, query, null, null, reader);
  }

  public JsonNode postJson(String path, JsonNode body) {
    byte[] bytes;
    try {
      bytes = PryvJson.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return call(
        "POST",
        path,
        new Query(),
        bytes,
        "application/json",
        (in, response) -> PryvJson.mapper().readTree(in));
  }

  public JsonNode postMultipart(String path, Multipart multipart) {
    return call(
        "POST",
        path,
        new Query(),
        multipart.bytes(),
        multipart.contentType(),
        (in, response) -> PryvJson.mapper().readTree(in));
  }

  public JsonNode delete(String path, Query query) {
    return call(
        "DELETE", path, query, null, null, (in, response) -> PryvJson.mapper().readTree(in));
  }

  private <T> T call(
      String method,
      String path,
      Query query,
      byte[] body,
      String contentType,
      BodyReader<T> reader) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (token != null) {
      headers.put("Authorization", token);
    }
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    String target = basePath + (path.startsWith("/") ? path.substring(1) : path) + query.encode();
    HttpRequest request = new HttpRequest(method, target, headers, body);
    String lastFailure = null;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      if (attempt > 1) {
        Duration delay = retry.delayBefore(attempt);
        try {
          retry.sleeper().sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw ToolException.environment(request.describe() + ": interrupted");
        }
      }
      try (HttpResponse response = transport.send(request)) {
        int status = response.status();
        if (status >= 500 || status == 429) {
          lastFailure = "HTTP " + status + describeError(response);
          continue;
        }
        if (status >= 400) {
          throw apiError(request, response);
        }
        return reader.read(response.body(), response);
      } catch (javax.net.ssl.SSLHandshakeException e) {
        throw ToolException.environment(
            request.describe()
                + ": TLS handshake with "
                + transport.origin()
                + " failed (certificate not trusted or not valid for the host name?): "
                + e.getMessage(),
            e);
      } catch (IOException e) {
        lastFailure =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
    }
    throw ToolException.environment(
        request.describe()
            + " on "
            + transport.origin()
            + " failed after "
            + retry.attempts()
            + " attempt(s): "
            + lastFailure);
  }

  private static ApiError apiError(HttpRequest request, HttpResponse response) throws IOException {
    byte[] bytes = response.body().readNBytes(65536);
    String id = "unknown-error";
    String message = new String(bytes, StandardCharsets.UTF_8).strip();
    try {
      JsonNode error = PryvJson.mapper().readTree(bytes).path("error");
      if (error.isObject()) {
        id = error.path("id").asText(id);
        message = error.path("message").asText("");
      }
    } catch (IOException notJson) {
      message = message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
    return new ApiError(request.describe(), response.status(), id, message);
  }

  private static String describeError(HttpResponse response) {
    try {
      byte[] bytes = response.body().readNBytes(4096);
      JsonNode error = PryvJson.mapper().readTree(bytes).path("error");
      return error.isObject()
          ? " " + error.path("id").asText() + ": " + error.path("message").asText()
          : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
