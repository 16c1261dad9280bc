package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.standins.pryvcore.FakeAccount;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.standins.pryvcore.FakePryvServer.Version;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Query;
import io.pryv.migration.verify.api.RetryPolicy;
import io.pryv.migration.verify.fake.Corpus;
import io.pryv.migration.verify.fake.FakeCores;
import io.pryv.migration.verify.http.HttpTransport;
import io.pryv.migration.verify.http.TlsSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a live core does that the recordings did not show (corpus README, "Seen on a live core"),
 * one test per point of issue 18, each against a fake v2 and a fake v1 core.
 */
class LiveCoreBehaviourTest {
  private static final String USER = "liveuser01";
  private static final String TOKEN = "personal-token-for-live-tests";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  @TempDir Path directory;

  private Path tokenFile() throws Exception {
    Path file = directory.resolve("tokens.txt");
    Files.writeString(file, TOKEN + "\n");
    return file;
  }

  private static ToolRun check(FakePryvServer server, Path against, Path tokens, String... extra) {
    String[] base = {
      "check",
      "--api",
      server.baseUrl(),
      "--against",
      against.toString(),
      "--token-file",
      tokens.toString()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return ToolRun.run(Map.of(), args);
  }

  private static ToolRun checkCopy(
      FakePryvServer source,
      Version version,
      Path against,
      Path tokens,
      java.util.function.Consumer<FakeAccount> change,
      String... extra) {
    try (FakePryvServer dest = FakeCores.start(version)) {
      FakeAccount copy = source.account(USER).copy();
      change.accept(copy);
      dest.putAccount(copy, TOKEN);
      return check(dest, against, tokens, extra);
    }
  }

  private static PryvApi api(FakePryvServer server, String token) {
    HttpTransport transport =
        new HttpTransport(
            URI.create(server.baseUrl()),
            List.of(),
            new TlsSettings(List.of(), false),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    return new PryvApi(
        transport,
        "/" + USER + "/",
        token,
        new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> {}));
  }

  /** Creates a series event and writes points into it through the API, as an app would. */
  private static String writeSeries(PryvApi api, String streamId, int points) {
    ObjectNode event = JSON.objectNode();
    event.putArray("streamIds").add(streamId);
    event.put("type", "series:mass/kg").put("time", 1700000500);
    String id = api.postJson("events", event).path("event").path("id").asText();
    ObjectNode body = JSON.objectNode().put("format", "flatJSON");
    body.putArray("fields").add("deltaTime").add("value");
    for (int i = 0; i < points; i++) {
      body.withArray("points").addArray().add(i * 0.5).add(70 + i / 10.0);
    }
    api.postJson("events/" + id + "/series", body);
    return id;
  }

  /**
   * Long enough that the tool is sure to find the series event not rewritten yet, even on a loaded
   * machine.
   */
  private static final Duration SLOW_COOL_DOWN = Duration.ofMillis(1500);

  private static void waitPastTheCoolDown(FakePryvServer server) throws InterruptedException {
    Thread.sleep(server.seriesCoolDown().toMillis() * 2);
  }

  private static List<JsonNode> lines(Path file, String kind) throws Exception {
    List<JsonNode> items = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode item = PryvJson.mapper().readTree(line);
      if (item.path("kind").asText().equals(kind)) {
        items.add(item);
      }
    }
    return items;
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void everyEventIsReadOnceWhateverThePageSizeAndHowManyShareATime(Version version)
      throws Exception {
    try (FakePryvServer source = FakeCores.start(version)) {
      FakeAccount account = source.createAccount(USER, TOKEN);
      account.addStream("paging", null);
      Set<String> ids =
          new HashSet<>(account.addEventsSharingTimes("paging", "five", 333, 5, 1700000000));
      ids.addAll(
          account.addEventsSharingTimes("paging", "forty", 40, 40, 1700001000)); // more than a page
      Path snapshot = directory.resolve("paging.snapshot");
      ToolRun snap =
          ToolRun.run(
              Map.of(),
              "snapshot",
              "--api",
              source.baseUrl(),
              "--user",
              USER,
              "--token-file",
              tokenFile().toString(),
              "--out",
              snapshot.toString(),
              "--page-size",
              "7");
      assertEquals(0, snap.exit(), snap.toString());
      List<String> read = lines(snapshot, "event").stream().map(e -> e.get("id").asText()).toList();
      assertEquals(373, read.size(), "one line per event");
      assertEquals(ids, Set.copyOf(read), "every event, none twice");

      for (String pageSize : List.of("9", "40", "10000")) {
        ToolRun run =
            checkCopy(source, version, snapshot, tokenFile(), copy -> {}, "--page-size", pageSize);
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().matches("(?s).*\n  events +373 +373 +0 +0 +0\n.*"), run.out());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aSeedManifestStaysValidAfterTheCoreRewritesTheSeriesEvent(Version version) throws Exception {
    try (FakePryvServer core = FakeCores.start(version).seriesCoolDown(SLOW_COOL_DOWN)) {
      core.createAccount(USER, TOKEN);
      Path manifest = directory.resolve("seed.json");
      ToolRun seed =
          ToolRun.run(
              Map.of("PRYV_TOKEN", TOKEN),
              "seed",
              "--api",
              core.baseUrl(),
              "--user",
              USER,
              "--out",
              manifest.toString(),
              "--run-id",
              "settle1",
              "--series-points",
              "20");
      assertEquals(0, seed.exit(), seed.toString());
      assertTrue(
          seed.err()
              .contains(
                  "seed: account "
                      + USER
                      + ": waiting up to 30 s for 1 series event(s) to settle"
                      + " (the core rewrites a series event about 10 s after its last points write)"),
          seed.err());
      assertTrue(
          seed.err().contains("seed: account " + USER + ": series settled after"), seed.err());
      waitPastTheCoolDown(core);
      ToolRun run = check(core, manifest, Path.of(manifest + ".token"));
      assertEquals(0, run.exit(), run.toString());

      // without waiting, the manifest goes stale by itself: said at seed time, seen at check time
      Path stale = directory.resolve("stale.json");
      ToolRun unsettled =
          ToolRun.run(
              Map.of("PRYV_TOKEN", TOKEN),
              "seed",
              "--api",
              core.baseUrl(),
              "--user",
              USER,
              "--out",
              stale.toString(),
              "--run-id",
              "settle2",
              "--settle",
              "0");
      assertEquals(0, unsettled.exit(), unsettled.toString());
      assertTrue(
          unsettled
              .err()
              .contains(
                  "has not settled (--settle 0): its duration does not cover its points" + " yet"),
          unsettled.err());
      waitPastTheCoolDown(core);
      ToolRun staleCheck = check(core, stale, Path.of(stale + ".token"));
      assertEquals(1, staleCheck.exit(), staleCheck.toString());
      assertTrue(staleCheck.out().contains("(series:mass/kg) content differs"), staleCheck.out());
      assertTrue(
          staleCheck
              .out()
              .contains(
                  "(recorded before the core rewrote this series event, as the seed"
                      + " manifest warned: it may have changed by itself; record again with a longer --settle)"),
          staleCheck.out());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aSnapshotTakenRightAfterASeriesWriteWaitsForTheRewrite(Version version) throws Exception {
    try (FakePryvServer core = FakeCores.start(version).seriesCoolDown(SLOW_COOL_DOWN)) {
      core.createAccount(USER, TOKEN).addStream("sensors", null);
      String series = writeSeries(api(core, TOKEN), "sensors", 30);
      Path snapshot = directory.resolve("fresh.snapshot");
      ToolRun snap =
          ToolRun.run(
              Map.of(),
              "snapshot",
              "--api",
              core.baseUrl(),
              "--user",
              USER,
              "--token-file",
              tokenFile().toString(),
              "--out",
              snapshot.toString());
      assertEquals(0, snap.exit(), snap.toString());
      assertTrue(
          snap.err().contains("waiting up to 30 s for 1 series event(s) to settle"), snap.err());
      JsonNode recorded =
          lines(snapshot, "event").stream()
              .filter(e -> e.get("id").asText().equals(series))
              .findFirst()
              .orElseThrow();
      assertEquals(
          core.account(USER).event(series).get("integrity").asText(),
          recorded.get("integrity").asText(),
          "recorded after the rewrite");
      waitPastTheCoolDown(core);
      ToolRun run = check(core, snapshot, tokenFile());
      assertEquals(0, run.exit(), run.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aSeriesEventDeletedWhileTheSnapshotWaitsIsLeftOutNotAnError(Version version)
      throws Exception {
    // the core rewrites the series event 6 s after its points: the deletion at 1.5 s comes while
    // the tool waits
    try (FakePryvServer core = FakeCores.start(version).seriesCoolDown(Duration.ofSeconds(6))) {
      core.createAccount(USER, TOKEN).addStream("sensors", null);
      String series = writeSeries(api(core, TOKEN), "sensors", 30);
      Path snapshot = directory.resolve("deleted-while-waiting.snapshot");
      String tokens = tokenFile().toString();
      java.util.concurrent.CompletableFuture<ToolRun> snap =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  ToolRun.run(
                      Map.of(),
                      "snapshot",
                      "--api",
                      core.baseUrl(),
                      "--user",
                      USER,
                      "--token-file",
                      tokens,
                      "--out",
                      snapshot.toString()));
      Thread.sleep(1500);
      core.account(USER).deleteEvent(series, 1700000900);
      ToolRun run = snap.get();
      assertEquals(0, run.exit(), run.toString());
      assertTrue(
          run.err().contains("waiting up to 30 s for 1 series event(s) to settle"), run.err());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void attachmentBytesAreComparedOnlyWhenBothSidesHaveThem(Version version) throws Exception {
    try (FakePryvServer source = FakeCores.start(version)) {
      source.createAccount(USER, TOKEN).importRecorded(Corpus::exchange);
      Path withBytes = directory.resolve("bytes.snapshot");
      Path declared = directory.resolve("declared.snapshot");
      assertEquals(
          0,
          ToolRun.run(
                  Map.of(),
                  "snapshot",
                  "--api",
                  source.baseUrl(),
                  "--user",
                  USER,
                  "--token-file",
                  tokenFile().toString(),
                  "--out",
                  withBytes.toString())
              .exit());
      assertEquals(
          0,
          ToolRun.run(
                  Map.of(),
                  "snapshot",
                  "--api",
                  source.baseUrl(),
                  "--user",
                  USER,
                  "--token-file",
                  tokenFile().toString(),
                  "--out",
                  declared.toString(),
                  "--no-attachment-download")
              .exit());
      String note =
          "note: 2 attachment(s) compared by their declared integrity only: one side was read with"
              + " --no-attachment-download";
      ToolRun declaredOnDest =
          checkCopy(
              source, version, withBytes, tokenFile(), copy -> {}, "--no-attachment-download");
      assertEquals(0, declaredOnDest.exit(), declaredOnDest.toString());
      assertTrue(declaredOnDest.out().contains(note), declaredOnDest.out());
      ToolRun bytesOnDest = checkCopy(source, version, declared, tokenFile(), copy -> {});
      assertEquals(0, bytesOnDest.exit(), bytesOnDest.toString());
      assertTrue(bytesOnDest.out().contains(note), bytesOnDest.out());

      // bytes that no longer match their declaration are still found from a snapshot without bytes
      String event = source.account(USER).eventIdsOfType("picture/attached").get(0);
      String file =
          source.account(USER).event(event).path("attachments").get(0).path("id").asText();
      ToolRun flipped =
          checkCopy(
              source, version, declared, tokenFile(), copy -> copy.flipAttachmentByte(event, file));
      assertEquals(1, flipped.exit(), flipped.toString());
      assertTrue(
          flipped
              .out()
              .contains(
                  "CHANGED  attachment "
                      + event
                      + "/"
                      + file
                      + ": (marker.bin) bytes on dest"
                      + " do not match the declared integrity"),
          flipped.out());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void anIntegrityMismatchRecordedOnTheSourceIsANoteWhenDestHoldsTheSameItem(Version version)
      throws Exception {
    try (FakePryvServer core = FakeCores.start(version)) {
      FakePryvServer source = core;
      source.createAccount(USER, TOKEN).addStream("sensors", null);
      PryvApi api = api(source, TOKEN);
      // deleted inside the cool-down: the core's later rewrite leaves a deletion whose integrity
      // does not match
      String series = writeSeries(api, "sensors", 10);
      api.delete("events/" + series, new Query());
      api.delete("events/" + series, new Query());
      waitPastTheCoolDown(core);
      Path snapshot = directory.resolve("mismatch.snapshot");
      ToolRun snap =
          ToolRun.run(
              Map.of(),
              "snapshot",
              "--api",
              source.baseUrl(),
              "--user",
              USER,
              "--token-file",
              tokenFile().toString(),
              "--out",
              snapshot.toString());
      assertEquals(0, snap.exit(), snap.toString());
      assertTrue(
          snap.out()
              .contains(
                  "snapshot: warning: account "
                      + USER
                      + ": 1 item(s) do not match their declared"
                      + " integrity on this core already"),
          snap.out());
      ToolRun run = checkCopy(source, version, snapshot, tokenFile(), copy -> {});
      assertEquals(0, run.exit(), run.toString());
      assertTrue(
          run.out()
              .contains(
                  "note: 1 item(s) did not match their declared integrity on the source already"
                      + " (the snapshot recorded it); dest holds them unchanged"),
          run.out());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void anAttachmentAlreadyLostOnTheSourceIsANoteWhenDestAnswersTheSame(Version version)
      throws Exception {
    try (FakePryvServer source = FakeCores.start(version)) {
      FakeAccount account = source.createAccount(USER, TOKEN);
      account.importRecorded(Corpus::exchange);
      // files deleted from disk stay listed in their event (this one has two); the download answers
      // 404
      String event = account.eventIdsOfType("picture/attached").get(0);
      account.loseAttachmentFile(event);
      Path snapshot = directory.resolve("lost.snapshot");
      assertEquals(
          0,
          ToolRun.run(
                  Map.of(),
                  "snapshot",
                  "--api",
                  source.baseUrl(),
                  "--user",
                  USER,
                  "--token-file",
                  tokenFile().toString(),
                  "--out",
                  snapshot.toString())
              .exit());
      ToolRun same = checkCopy(source, version, snapshot, tokenFile(), copy -> {});
      assertEquals(0, same.exit(), same.toString());
      assertTrue(
          same.out()
              .contains(
                  "note: 2 attachment(s) or series could not be read on the source either (the"
                      + " snapshot recorded why); dest answers the same"),
          same.out());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void healthFindsServiceInfoWhereTheCoreServesIt(Version version) throws Exception {
    try (FakePryvServer core = FakeCores.start(version)) {
      core.createAccount(USER, TOKEN);
      ToolRun anonymous = ToolRun.run(Map.of(), "health", "--api", core.baseUrl());
      assertEquals(0, anonymous.exit(), anonymous.toString());
      String where = version == Version.V1 ? "/service/info" : "/reg/service/info";
      assertTrue(
          anonymous
              .out()
              .contains(
                  "OK    service info  "
                      + where
                      + ": 'Fake Pryv' version "
                      + (version == Version.V1 ? "1.9.3" : "2.0.0-pre.4")
                      + ", api "
                      + core.baseUrl()
                      + "{username}/"),
          anonymous.out());
      assertFalse(
          anonymous.out().contains("/status"),
          "a one-segment path proves nothing: " + anonymous.out());
      ToolRun withToken =
          ToolRun.run(
              Map.of("PRYV_TOKEN", TOKEN), "health", "--api", core.baseUrl(), "--user", USER);
      assertEquals(0, withToken.exit(), withToken.toString());
      assertTrue(
          withToken
              .out()
              .contains("OK    token         personal access 'verify-tool' can read events"),
          withToken.out());
    }
    try (FakePryvServer accountsOnly = FakeCores.start(version).withoutRootServiceInfo()) {
      accountsOnly.createAccount(USER, TOKEN);
      ToolRun run =
          ToolRun.run(Map.of(), "health", "--api", accountsOnly.baseUrl(), "--user", USER);
      assertTrue(
          run.out().contains("OK    service info  /" + USER + "/service/info: 'Fake Pryv'"),
          run.out());
      assertTrue(run.out().contains("WARN  token         not checked: no token"), run.out());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void healthFailsWhenNoServiceInfoAnswersEvenIfEveryPathAnswers200(Version version)
      throws Exception {
    try (FakePryvServer core = FakeCores.start(version)) {
      // an API that answers every one-segment path with 200, but whose service info is elsewhere
      // (another prefix)
      ToolRun run = ToolRun.run(Map.of(), "health", "--api", core.baseUrl() + "prefix/");
      assertEquals(1, run.exit(), run.toString());
      assertTrue(
          run.out()
              .contains(
                  "FAIL  service info  no service info with an api URL (/prefix/service/info:"
                      + " HTTP 404 unknown-resource; /prefix/reg/service/info: HTTP 404 unknown-resource); --user also tries"
                      + " /USER/service/info"),
          run.out());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aSeedManifestHoldsTheSeedsOwnItemsAndSeesThemDeleted(Version version) throws Exception {
    try (FakePryvServer source = FakeCores.start(version)) {
      // the recorded account has a deletion of its own
      source.createAccount(USER, TOKEN).importRecorded(Corpus::exchange);
      Path manifest = directory.resolve("own.json");
      ToolRun seed =
          ToolRun.run(
              Map.of("PRYV_TOKEN", TOKEN),
              "seed",
              "--api",
              source.baseUrl(),
              "--user",
              USER,
              "--out",
              manifest.toString(),
              "--run-id",
              "own1");
      assertEquals(0, seed.exit(), seed.toString());
      assertTrue(
          seed.out().contains(": 3 streams, 11 events, 1 attachment, 1 series, 0 accesses"),
          seed.out());
      FakeAccount account = source.account(USER);
      Set<String> seeded =
          account.eventIds().stream()
              .filter(id -> account.event(id).path("streamIds").toString().contains("verify-own1"))
              .collect(Collectors.toSet());
      Set<String> recorded =
          lines(manifest, "event").stream()
              .map(e -> e.get("id").asText())
              .collect(Collectors.toSet());
      assertEquals(11, recorded.size());
      assertTrue(recorded.containsAll(seeded), "every seeded event");

      // on dest, the markers and their events are gone, and an unrelated event was deleted
      String unrelated =
          account.eventIdsOfType("mass/kg").stream()
              .filter(id -> !seeded.contains(id))
              .findFirst()
              .orElseThrow();
      ToolRun run =
          checkCopy(
              source,
              version,
              manifest,
              Path.of(manifest + ".token"),
              copy -> {
                seeded.forEach(id -> copy.deleteEvent(id, 1795470999));
                copy.deleteEvent(unrelated, 1795470999);
                for (String stream : List.of("verify-own1-child", "verify-own1")) {
                  copy.deleteStream(stream, 1795470999);
                }
              });
      assertEquals(1, run.exit(), run.toString());
      String mass =
          seeded.stream()
              .filter(id -> account.event(id).path("type").asText().equals("mass/kg"))
              .findFirst()
              .orElseThrow();
      assertTrue(
          run.out()
              .contains(
                  "CHANGED  event      " + mass + ": (mass/kg) expected active, found deleted"),
          run.out());
      assertTrue(
          run.out()
              .contains(
                  "CHANGED  stream     verify-own1: (verify marker own1) expected active, found"
                      + " deleted"),
          run.out());
      assertFalse(run.out().contains(unrelated), run.out());
      assertFalse(run.out().contains("MISSING  event"), run.out());
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void twoSeedRunsNeverShareTheirEventTimes(Version version) throws Exception {
    try (FakePryvServer core = FakeCores.start(version)) {
      core.createAccount(USER, TOKEN);
      for (String run : List.of("times1", "times2")) {
        ToolRun seed =
            ToolRun.run(
                Map.of("PRYV_TOKEN", TOKEN),
                "seed",
                "--api",
                core.baseUrl(),
                "--user",
                USER,
                "--out",
                directory.resolve(run + ".json").toString(),
                "--run-id",
                run);
        assertEquals(0, seed.exit(), seed.toString());
      }
      FakeAccount account = core.account(USER);
      Map<Boolean, Set<String>> times =
          account.eventIds().stream()
              .collect(
                  Collectors.partitioningBy(
                      id ->
                          account.event(id).path("streamIds").toString().contains("verify-times1"),
                      Collectors.mapping(
                          id -> account.event(id).get("time").asText(), Collectors.toSet())));
      assertEquals(
          10, times.get(true).size(), "distinct times within a run (the deleted one is gone)");
      Set<String> shared = new HashSet<>(times.get(true));
      shared.retainAll(times.get(false));
      assertEquals(Set.of(), shared, "no time shared between the runs");
    }
  }
}
