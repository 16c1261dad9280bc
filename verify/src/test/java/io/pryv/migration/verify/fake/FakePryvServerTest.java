package io.pryv.migration.verify.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.standins.pryvcore.FakeAccount;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.verify.api.ApiError;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Query;
import io.pryv.migration.verify.api.RetryPolicy;
import io.pryv.migration.verify.http.HttpRequest;
import io.pryv.migration.verify.http.HttpResponse;
import io.pryv.migration.verify.http.HttpTransport;
import io.pryv.migration.verify.http.TlsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fake core reproduces the behaviours the corpus README lists (checked against the recorded
 * exchanges).
 */
class FakePryvServerTest {
  private static final String TOKEN = "fake-test-token";
  private static FakePryvServer server;
  private static HttpTransport transport;
  private static PryvApi api;

  @BeforeAll
  static void start() throws Exception {
    server = FakePryvServer.http("127.0.0.1", 0);
    server.createAccount("verifyuser01", TOKEN).importRecorded(Corpus::exchange);
    transport =
        new HttpTransport(
            URI.create(server.baseUrl()),
            List.of(),
            new TlsSettings(List.of(), false),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    api =
        new PryvApi(
            transport,
            "/verifyuser01/",
            TOKEN,
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> {}));
  }

  @AfterAll
  static void stop() {
    transport.close();
    server.close();
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void eventsGetDefaultsToTwentyNewestWithMetaLast() {
    JsonNode recorded = Corpus.exchange("073").path("response").path("body");
    JsonNode body = api.getJson("events", new Query());
    assertEquals(keys(recorded), keys(body));
    assertEquals(20, body.get("events").size());
    assertEquals(recorded.get("events").size(), body.get("events").size());
    double first = body.get("events").get(0).get("time").asDouble();
    double last = body.get("events").get(19).get("time").asDouble();
    assertTrue(first >= last, "newest first");
  }

  @Test
  void fullDumpMatchesTheRecordingEventForEvent() {
    JsonNode recorded = Corpus.exchange("096").path("response").path("body");
    JsonNode body =
        api.getJson(
            "events",
            Query.of(
                "fromTime",
                "0",
                "toTime",
                "9999999999",
                "state",
                "all",
                "limit",
                "1000",
                "modifiedSince",
                "0",
                "includeDeletions",
                "true"));
    assertEquals(keys(recorded), keys(body));
    assertEquals(
        recorded.get("events").size() + 1,
        body.get("events").size(),
        "plus the series event (exchange 100)");
    assertEquals(recorded.get("eventDeletions"), body.get("eventDeletions"));
  }

  @Test
  void fromTimeAloneStopsAtNowAndToTimeAloneStartsADayEarlier() {
    int all =
        api.getJson("events", Query.of("fromTime", "0", "toTime", "99999999999", "limit", "1000"))
            .get("events")
            .size();
    int untilNow =
        api.getJson("events", Query.of("fromTime", "0", "limit", "1000")).get("events").size();
    assertEquals(all, untilNow, "no future event in the recording");
    assertEquals(0, api.getJson("events", Query.of("toTime", "1600000000")).get("events").size());
    assertEquals(
        5,
        api.getJson(
                "events", Query.of("fromTime", "1700000000", "toTime", "1700000110", "limit", "5"))
            .get("events")
            .size());
  }

  @Test
  void errorsCarryTheRecordedIds() throws Exception {
    try (HttpResponse response =
        transport.send(new HttpRequest("GET", "/verifyuser01/events", Map.of(), null))) {
      assertEquals(401, response.status());
      assertEquals(
          "invalid-access-token",
          PryvJson.mapper().readTree(response.body()).path("error").path("id").asText());
    }
    ApiError forbidden =
        org.junit.jupiter.api.Assertions.assertThrows(
            ApiError.class, () -> api.withToken("nope").getJson("events", new Query()));
    assertEquals(403, forbidden.status());
    assertEquals(
        Corpus.exchange("123").path("response").path("body").path("error").path("id").asText(),
        forbidden.errorId());
    ApiError unknownStream =
        org.junit.jupiter.api.Assertions.assertThrows(
            ApiError.class, () -> api.getJson("events", Query.of("streams[]", "no-such-stream")));
    assertEquals("unknown-referenced-resource", unknownStream.errorId());
    try (HttpResponse response =
        transport.send(
            new HttpRequest("GET", "/nosuchuser99/events", Map.of("Authorization", TOKEN), null))) {
      assertEquals(404, response.status());
    }
  }

  @Test
  void attachmentDownloadCarriesDigestEqualToIntegrity() throws Exception {
    JsonNode recorded = Corpus.exchange("082");
    try (HttpResponse response =
        transport.send(
            new HttpRequest(
                "GET",
                recorded.path("request").path("path").asText(),
                Map.of("Authorization", TOKEN),
                null))) {
      assertEquals(200, response.status());
      assertEquals(
          recorded.path("response").path("headers").path("digest").asText(),
          response.header("Digest"));
      assertEquals(
          recorded.path("response").path("body").asText(),
          java.util.Base64.getEncoder().encodeToString(response.body().readAllBytes()));
    }
  }

  @Test
  void seriesAndBearerAndDeletedEvent() {
    JsonNode recorded = Corpus.exchange("102").path("response").path("body");
    JsonNode body = api.getJson("events/m1p2ewu1khuh18gt1y7xduai/series", new Query());
    assertEquals(recorded.get("points"), body.get("points"));
    assertEquals(
        "personal",
        api.withToken("Bearer " + TOKEN).getJson("access-info", new Query()).path("type").asText());
    JsonNode deleted = api.getJson("events/aik5jakr8vfn24l0hfmg7g3z", new Query());
    assertEquals(List.of("deleted", "id"), keys(deleted.get("event")).stream().sorted().toList());
  }

  // ---- what a live core does beyond the recordings (corpus README, "Seen on a live core") ----

  private static PryvApi apiOn(FakePryvServer core, String user, String token) {
    HttpTransport other =
        new HttpTransport(
            URI.create(core.baseUrl()),
            List.of(),
            new TlsSettings(List.of(), false),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    return new PryvApi(
        other, "/" + user + "/", token, new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> {}));
  }

  private static List<String> ids(JsonNode body, String list) {
    List<String> ids = new ArrayList<>();
    body.path(list).forEach(e -> ids.add(e.get("id").asText()));
    return ids;
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(FakePryvServer.Version.class)
  void eventsSharingATimeComeBackInAnotherOrderAndSkipPagesLoseOrRepeatThem(
      FakePryvServer.Version version) {
    try (FakePryvServer core = FakeCores.start(version)) {
      FakeAccount account = core.createAccount("ties", TOKEN);
      account.addStream("s", null);
      List<String> all = account.addEventsSharingTimes("s", "tie", 333, 5, 1700000000);
      PryvApi ties = apiOn(core, "ties", TOKEN);
      Query query =
          Query.of("fromTime", "0", "toTime", "9999999999", "limit", "1000", "streams[]", "s");
      assertTrue(
          !ids(ties.getJson("events", query), "events")
              .equals(ids(ties.getJson("events", query), "events")),
          "the order among equal times changes between requests");
      List<String> paged = new ArrayList<>();
      for (int skip = 0; skip < all.size(); skip += 7) {
        paged.addAll(
            ids(
                ties.getJson(
                    "events",
                    Query.of(
                        "fromTime",
                        "0",
                        "toTime",
                        "9999999999",
                        "streams[]",
                        "s",
                        "sortAscending",
                        "true",
                        "skip",
                        String.valueOf(skip),
                        "limit",
                        "7")),
                "events"));
      }
      assertEquals(all.size(), paged.size(), "as many lines as events");
      assertTrue(
          new java.util.HashSet<>(paged).size() < all.size(),
          "but some twice and others not at all");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(FakePryvServer.Version.class)
  void theSeriesEventIsRewrittenACoolDownAfterTheLastPointsWrite(FakePryvServer.Version version)
      throws Exception {
    try (FakePryvServer core = FakeCores.start(version)) {
      core.createAccount("hf", TOKEN).addStream("s", null);
      PryvApi hf = apiOn(core, "hf", TOKEN);
      com.fasterxml.jackson.databind.node.ObjectNode event =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
              .objectNode()
              .put("type", "series:mass/kg")
              .put("time", 1700000000);
      event.putArray("streamIds").add("s");
      JsonNode created = hf.postJson("events", event).path("event");
      String id = created.get("id").asText();
      com.fasterxml.jackson.databind.node.ObjectNode points =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
              .objectNode()
              .put("format", "flatJSON");
      points.putArray("fields").add("deltaTime").add("value");
      com.fasterxml.jackson.databind.node.ArrayNode list = points.putArray("points");
      list.addArray().add(0).add(70);
      list.addArray().add(249.5).add(71);
      hf.postJson("events/" + id + "/series", points);
      assertEquals(
          created.get("integrity"),
          hf.getJson("events/" + id, new Query()).path("event").get("integrity"),
          "unchanged right after the write");
      Thread.sleep(FakeCores.COOL_DOWN.toMillis() * 3);
      JsonNode rewritten = hf.getJson("events/" + id, new Query()).path("event");
      assertEquals(249_500_000_000L, rewritten.get("duration").asLong(), "in the updater's unit");
      assertEquals(
          TOKEN, rewritten.get("modifiedBy").asText(), "the writer's token, not an access id");
      assertTrue(!created.get("integrity").equals(rewritten.get("integrity")));
      assertEquals(
          io.pryv.migration.common.integrity.EventIntegrity.compute(rewritten),
          rewritten.get("integrity").asText());
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(FakePryvServer.Version.class)
  void serviceInfoOnePathsUsersAndDeletions(FakePryvServer.Version version) throws Exception {
    try (FakePryvServer core = FakeCores.start(version)) {
      core.createAccount("svc", TOKEN).importRecorded(Corpus::exchange);
      HttpTransport plain =
          new HttpTransport(
              URI.create(core.baseUrl()),
              List.of(),
              new TlsSettings(List.of(), false),
              Duration.ofSeconds(10),
              Duration.ofSeconds(10));
      java.util.function.ToIntFunction<String> status =
          path -> {
            try (HttpResponse response = plain.send(new HttpRequest("GET", path, Map.of(), null))) {
              response.body().readAllBytes();
              return response.status();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          };
      boolean dnsLess = version == FakePryvServer.Version.V2;
      assertEquals(
          dnsLess ? 404 : 200,
          status.applyAsInt("/service/info"),
          "dnsLess: an unknown user 'service'");
      assertEquals(dnsLess ? 200 : 404, status.applyAsInt("/reg/service/info"));
      assertEquals(200, status.applyAsInt("/svc/service/info"));
      assertEquals(
          200, status.applyAsInt("/status"), "any one-segment path answers with the API root");
      assertEquals(200, status.applyAsInt("/nosuchuser"));
      try (HttpResponse response =
          plain.send(
              new HttpRequest(
                  "POST",
                  "/users",
                  Map.of("Content-Type", "application/json"),
                  ("{\"appId\":\"t\",\"username\":\"newuser01\",\"password\":\"p\","
                          + "\"email\":\"n@example.com\",\"languageCode\":\"en\"}")
                      .getBytes()))) {
        assertEquals(dnsLess ? 200 : 201, response.status(), "200 on the live v2 build");
        response.body().readAllBytes();
      }
      // deletions ignore streams[]: the recorded account's deletions come back for a stream they
      // were never in
      PryvApi svc = apiOn(core, "svc", TOKEN);
      svc.postJson(
          "streams",
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
              .objectNode()
              .put("id", "empty")
              .put("name", "empty"));
      JsonNode body =
          svc.getJson(
              "events",
              Query.of(
                  "streams[]",
                  "empty",
                  "modifiedSince",
                  "0",
                  "includeDeletions",
                  "true",
                  "limit",
                  "100"));
      assertEquals(0, body.get("events").size());
      assertEquals(1, body.get("eventDeletions").size(), "the recorded account's deletion");
      plain.close();
    }
  }
}
