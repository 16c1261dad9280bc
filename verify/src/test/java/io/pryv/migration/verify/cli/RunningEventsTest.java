package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.standins.pryvcore.FakeAccount;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.standins.pryvcore.FakePryvServer.Version;
import io.pryv.migration.verify.fake.FakeCores;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Running events are read in a second pass ({@code running=true}): an event running during the
 * first pass and stopped before the second is in neither list, and must still be recorded.
 */
class RunningEventsTest {
  private static final String USER = "runninguser1";
  private static final String TOKEN = "personal-token-for-running-tests";
  @TempDir Path directory;

  @ParameterizedTest
  @EnumSource(Version.class)
  void anEventStoppedBetweenTheTwoPassesIsRecorded(Version version) throws Exception {
    try (FakePryvServer core = FakeCores.start(version)) {
      FakeAccount account = core.createAccount(USER, TOKEN);
      account.addStream("diary", null);
      double now = System.currentTimeMillis() / 1000.0;
      ObjectNode running = event("crunning00000000000000001", now - 3600);
      running.putNull("duration");
      account.addEvent(running);
      account.addEvent(event("cended0000000000000000001", now - 7200).put("duration", 60));
      ObjectNode stopped = running.deepCopy().put("duration", 1800);
      AtomicBoolean stoppedOnce = new AtomicBoolean();
      Path snapshot = directory.resolve("running.snapshot");
      // the event stops just before the core answers the running-events pass
      try (Proxy proxy =
          new Proxy(
              core.baseUrl(),
              query -> {
                if (query != null
                    && query.contains("running=true")
                    && stoppedOnce.compareAndSet(false, true)) {
                  account.addEvent(stopped.deepCopy());
                }
              })) {
        ToolRun snap =
            ToolRun.run(
                Map.of("PRYV_TOKEN", TOKEN),
                "snapshot",
                "--api",
                proxy.baseUrl(),
                "--user",
                USER,
                "--out",
                snapshot.toString(),
                "--settle",
                "0");
        assertEquals(0, snap.exit(), snap.toString());
      }
      assertTrue(stoppedOnce.get(), "the running-events pass was asked for");
      List<String> ids =
          Files.readAllLines(snapshot).stream()
              .map(RunningEventsTest::json)
              .filter(line -> line.path("kind").asText().equals("event"))
              .map(line -> line.get("id").asText())
              .toList();
      assertEquals(
          List.of("cended0000000000000000001", "crunning00000000000000001"),
          ids.stream().sorted().toList(),
          "both events, once each");
      ToolRun check =
          ToolRun.run(
              Map.of("PRYV_TOKEN", TOKEN),
              "check",
              "--api",
              core.baseUrl(),
              "--against",
              snapshot.toString());
      assertEquals(0, check.exit(), check.toString());
    }
  }

  private static ObjectNode event(String id, double time) {
    ObjectNode event = JsonNodeFactory.instance.objectNode().put("id", id);
    event.putArray("streamIds").add("diary");
    return event
        .put("type", "note/txt")
        .put("content", id)
        .put("time", time)
        .put("created", time)
        .put("createdBy", "tests")
        .put("modified", time)
        .put("modifiedBy", "tests");
  }

  private static JsonNode json(String line) {
    try {
      return PryvJson.mapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Passes every request on to the core, after telling {@code beforeForward} its query. */
  private static final class Proxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    Proxy(String target, Consumer<String> beforeForward) throws java.io.IOException {
      String base = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              URI uri = exchange.getRequestURI();
              beforeForward.accept(uri.getRawQuery());
              HttpRequest.Builder request =
                  HttpRequest.newBuilder(
                      URI.create(
                          base
                              + uri.getRawPath()
                              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
              exchange
                  .getRequestHeaders()
                  .forEach(
                      (name, values) -> {
                        if (name.equalsIgnoreCase("Authorization")
                            || name.equalsIgnoreCase("Content-Type")) {
                          values.forEach(value -> request.header(name, value));
                        }
                      });
              byte[] body = exchange.getRequestBody().readAllBytes();
              request.method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
              HttpResponse<byte[]> response =
                  client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
              response
                  .headers()
                  .firstValue("Content-Type")
                  .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
              exchange.sendResponseHeaders(
                  response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
              exchange.getResponseBody().write(response.body());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
