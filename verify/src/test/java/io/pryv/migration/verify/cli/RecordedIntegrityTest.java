package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.standins.pryvcore.FakeAccount;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.verify.fake.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events served exactly as the real core returned them (exchanges 096 and 106), integrity included:
 * nothing here is computed by the code under test, so a wrong integrity rule cannot agree with
 * itself. Exchange 106 read the series event inside the core's cool-down: the snapshot waits for
 * the rewrite and records the event after it.
 */
class RecordedIntegrityTest {
  private static final String USER = "verifyuser01";
  private static final String TOKEN = "personal-token-for-tests";
  @TempDir Path directory;

  @Test
  void recordedIntegrityVerifiesAndCatchesTamperedContent() throws Exception {
    Map<String, String> recorded = new HashMap<>();
    for (JsonNode event : Corpus.exchange("096").path("response").path("body").path("events")) {
      recorded.put(event.get("id").asText(), event.get("integrity").asText());
    }
    JsonNode series = Corpus.exchange("106").path("response").path("body").path("event");
    String seriesId = series.get("id").asText();
    recorded.keySet().removeIf(id -> id.startsWith(":"));

    Path tokens = directory.resolve("tokens.txt");
    Files.writeString(tokens, TOKEN + "\n");
    Path snapshot = directory.resolve("recorded.snapshot");
    try (FakePryvServer source =
        FakePryvServer.http("127.0.0.1", 0).seriesCoolDown(Duration.ofMillis(300))) {
      FakeAccount account = source.createAccount(USER, TOKEN);
      account.importRecorded(Corpus::exchange);
      assertEquals(
          series.get("integrity").asText(), account.event(seriesId).get("integrity").asText());
      Set<String> served = new java.util.HashSet<>(account.eventIds());
      served.remove(seriesId);
      assertEquals(recorded.keySet(), served, "only recorded events are served");
      recorded.forEach(
          (id, integrity) ->
              assertEquals(integrity, account.event(id).get("integrity").asText(), id));
      ToolRun snap =
          ToolRun.run(
              Map.of(),
              "snapshot",
              "--api",
              source.baseUrl(),
              "--user",
              USER,
              "--token-file",
              tokens.toString(),
              "--out",
              snapshot.toString());
      assertEquals(0, snap.exit(), snap.toString());
      assertTrue(
          snap.err()
              .contains(
                  "snapshot: account verifyuser01: waiting up to 30 s for 1 series event(s) to"
                      + " settle"),
          snap.err());
      assertTrue(
          snap.err().contains("snapshot: account verifyuser01: series settled after"), snap.err());

      Map<String, JsonNode> items = new HashMap<>();
      for (String line : Files.readAllLines(snapshot)) {
        JsonNode item = PryvJson.mapper().readTree(line);
        if (item.path("kind").asText().equals("event")
            && !item.path("state").asText().equals("deleted")) {
          items.put(item.get("id").asText(), item);
        }
      }
      JsonNode rewritten = items.remove(seriesId);
      assertEquals(
          account.event(seriesId).get("integrity").asText(), rewritten.path("integrity").asText());
      assertTrue(
          !rewritten.path("integrity").asText().equals(series.get("integrity").asText()),
          "the series event was recorded after the core rewrote it");
      assertEquals(
          10_000_000_000L,
          account.event(seriesId).get("duration").asLong(),
          "last deltaTime 10 s, in ns");
      assertEquals(recorded.keySet(), items.keySet());
      recorded.forEach(
          (id, integrity) -> {
            JsonNode item = items.get(id);
            assertEquals(integrity, item.path("integrity").asText(), id);
            assertEquals(
                integrity, item.path("hash").asText(), id + ": recomputed as the real core did");
            assertTrue(item.path("intact").asBoolean(), id);
          });

      String id = "q32lmgfpxhwfpetjauxhdfam"; // content {"a":[1,2,{"b":null}]}
      ToolRun clean = check(account.copy(), snapshot, tokens);
      assertEquals(0, clean.exit(), clean.toString());
      assertTrue(clean.out().contains("account verifyuser01: identical"), clean.out());

      FakeAccount tampered = account.copy();
      ((ArrayNode) tampered.event(id).path("content").path("a"))
          .set(1, JsonNodeFactory.instance.numberNode(3));
      ToolRun run = check(tampered, snapshot, tokens);
      assertEquals(1, run.exit(), run.toString());
      assertTrue(run.out().contains("DIFFERENT (1 difference)"), run.out());
      String kept = recorded.get(id);
      assertTrue(
          run.out()
              .matches(
                  "(?s).*\n  CHANGED  event      "
                      + id
                      + ": \\(verify-marker/x-test\\) content"
                      + " differs: expected \\Q"
                      + kept
                      + "\\E, found EVENT:0:sha256-[A-Za-z0-9+/]{43}=; not intact: dest declares \\Q"
                      + kept
                      + "\\E\n.*"),
          run.out());
    }
  }

  private static ToolRun check(FakeAccount dest, Path snapshot, Path tokens) throws Exception {
    try (FakePryvServer server = FakePryvServer.http("127.0.0.1", 0)) {
      server.putAccount(dest, TOKEN);
      return ToolRun.run(
          Map.of(),
          "check",
          "--api",
          server.baseUrl(),
          "--against",
          snapshot.toString(),
          "--token-file",
          tokens.toString());
    }
  }
}
