package io.pryv.migration.verify.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.verify.api.ApiError;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Query;
import io.pryv.migration.verify.api.RetryPolicy;
import io.pryv.migration.verify.http.HttpRequest;
import io.pryv.migration.verify.http.HttpResponse;
import io.pryv.migration.verify.http.HttpTransport;
import io.pryv.migration.verify.http.TlsSettings;
import io.pryv.migration.verify.integrity.PryvJson;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake core reproduces the behaviours the corpus README lists (checked against the recorded exchanges). */
class FakePryvServerTest {
  private static final String TOKEN = "fake-test-token";
  private static FakePryvServer server;
  private static HttpTransport transport;
  private static PryvApi api;

  @BeforeAll
  static void start() throws Exception {
    server = FakePryvServer.http("127.0.0.1", 0);
    server.createAccount("verifyuser01", TOKEN).importRecorded();
    transport = new HttpTransport(URI.create(server.baseUrl()), List.of(), TlsSettings.defaults(),
        Duration.ofSeconds(10), Duration.ofSeconds(10));
    api = new PryvApi(transport, "/verifyuser01/", TOKEN, new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> { }));
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
    JsonNode body = api.getJson("events", Query.of("fromTime", "0", "toTime", "9999999999", "state", "all",
        "limit", "1000", "modifiedSince", "0", "includeDeletions", "true"));
    assertEquals(keys(recorded), keys(body));
    assertEquals(recorded.get("events").size() + 1, body.get("events").size(), "plus the series event (exchange 100)");
    assertEquals(recorded.get("eventDeletions"), body.get("eventDeletions"));
  }

  @Test
  void fromTimeAloneStopsAtNowAndToTimeAloneStartsADayEarlier() {
    int all = api.getJson("events", Query.of("fromTime", "0", "toTime", "99999999999", "limit", "1000"))
        .get("events").size();
    int untilNow = api.getJson("events", Query.of("fromTime", "0", "limit", "1000")).get("events").size();
    assertEquals(all, untilNow, "no future event in the recording");
    assertEquals(0, api.getJson("events", Query.of("toTime", "1600000000")).get("events").size());
    assertEquals(5, api.getJson("events", Query.of("fromTime", "1700000000", "toTime", "1700000110", "limit", "5"))
        .get("events").size());
  }

  @Test
  void errorsCarryTheRecordedIds() throws Exception {
    try (HttpResponse response = transport.send(HttpRequest.get("/verifyuser01/events", Map.of()))) {
      assertEquals(401, response.status());
      assertEquals("invalid-access-token", PryvJson.mapper().readTree(response.body()).path("error").path("id")
          .asText());
    }
    ApiError forbidden = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class,
        () -> api.withToken("nope").getJson("events", new Query()));
    assertEquals(403, forbidden.status());
    assertEquals(Corpus.exchange("123").path("response").path("body").path("error").path("id").asText(),
        forbidden.errorId());
    ApiError unknownStream = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class,
        () -> api.getJson("events", Query.of("streams[]", "no-such-stream")));
    assertEquals("unknown-referenced-resource", unknownStream.errorId());
    try (HttpResponse response = transport.send(HttpRequest.get("/nosuchuser99/events",
        Map.of("Authorization", TOKEN)))) {
      assertEquals(404, response.status());
    }
  }

  @Test
  void attachmentDownloadCarriesDigestEqualToIntegrity() throws Exception {
    JsonNode recorded = Corpus.exchange("082");
    try (HttpResponse response = transport.send(HttpRequest.get(recorded.path("request").path("path").asText(),
        Map.of("Authorization", TOKEN)))) {
      assertEquals(200, response.status());
      assertEquals(recorded.path("response").path("headers").path("digest").asText(), response.header("Digest"));
      assertEquals(recorded.path("response").path("body").asText(),
          java.util.Base64.getEncoder().encodeToString(response.bodyBytes()));
    }
  }

  @Test
  void seriesAndBearerAndDeletedEvent() {
    JsonNode recorded = Corpus.exchange("102").path("response").path("body");
    JsonNode body = api.getJson("events/m1p2ewu1khuh18gt1y7xduai/series", new Query());
    assertEquals(recorded.get("points"), body.get("points"));
    assertEquals("personal", api.withToken("Bearer " + TOKEN).getJson("access-info", new Query()).path("type")
        .asText());
    JsonNode deleted = api.getJson("events/aik5jakr8vfn24l0hfmg7g3z", new Query());
    assertEquals(List.of("deleted", "id"), keys(deleted.get("event")).stream().sorted().toList());
  }
}
