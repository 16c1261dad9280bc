package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.standins.pryvcore.FakeAccount;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.verify.fake.Corpus;
import io.pryv.migration.verify.fake.FakeCores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole story against fake cores: seed and snapshot on source, copy the account to dest (a
 * perfect migration or a damaged one), check dest. Source holds the recorded account of the corpus
 * plus the seeded markers. Run against a v2 and a v1 fake core ({@link MigrationCheckTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MigrationScenarios {
  private static final String USER = "verifyuser01";
  private static final String TOKEN = "personal-token-for-tests";
  private static final String SHA_RE = "sha256-[A-Za-z0-9+/]{43}=";
  private static final String EVENT_HASH_RE = "EVENT:0:" + SHA_RE;
  private final FakePryvServer.Version version;
  private Path directory;
  private FakePryvServer source;
  private Path seedManifest;
  private Path readTokens;
  private Path snapshot;
  private Path tokenFile;

  MigrationScenarios(FakePryvServer.Version version) {
    this.version = version;
  }

  @BeforeAll
  void seedAndSnapshotSource(@TempDir Path directory) throws Exception {
    this.directory = directory;
    source = FakeCores.start(version);
    source.createAccount(USER, TOKEN).importRecorded(Corpus::exchange);
    seedManifest = directory.resolve("seed.json");
    ToolRun seed =
        ToolRun.run(
            Map.of("PRYV_TOKEN", TOKEN),
            "seed",
            "--api",
            source.baseUrl(),
            "--user",
            USER,
            "--out",
            seedManifest.toString(),
            "--run-id",
            "r1",
            "--series-points",
            "50");
    assertEquals(0, seed.exit(), seed.toString());
    assertTrue(seed.out().contains("marker stream verify-r1"), seed.out());
    assertFalse(seed.out().contains(TOKEN), "no token printed");
    readTokens = directory.resolve("seed.json.token");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(readTokens)));
    assertTrue(Files.readString(readTokens).startsWith(USER + " tok"), "USER TOKEN line");

    tokenFile = directory.resolve("tokens.txt");
    Files.writeString(tokenFile, "# personal token\n" + TOKEN + "\n");
    snapshot = directory.resolve("source.snapshot");
    ToolRun snap =
        ToolRun.run(
            Map.of(),
            "snapshot",
            "--api",
            source.baseUrl(),
            "--user",
            USER,
            "--token-file",
            tokenFile.toString(),
            "--out",
            snapshot.toString(),
            "--page-size",
            "7");
    assertEquals(0, snap.exit(), snap.toString());
    assertFalse(Files.readString(snapshot).contains(TOKEN), "the snapshot holds no token");
    assertFalse(
        Files.readString(snapshot).contains(":_system"), "system streams and events are left out");
  }

  @AfterAll
  void stop() {
    source.close();
  }

  private ToolRun checkDest(
      Path against, Path tokens, Consumer<FakeAccount> damage, String... extra) throws Exception {
    try (FakePryvServer dest = FakeCores.start(version)) {
      FakeAccount copy = source.account(USER).copy();
      damage.accept(copy);
      dest.putAccount(copy, TOKEN);
      String[] base = {
        "check",
        "--api",
        dest.baseUrl(),
        "--against",
        against.toString(),
        "--token-file",
        tokens.toString(),
        "--page-size",
        "5"
      };
      String[] args = new String[base.length + extra.length];
      System.arraycopy(base, 0, args, 0, base.length);
      System.arraycopy(extra, 0, args, base.length, extra.length);
      return ToolRun.run(Map.of(), args);
    }
  }

  private FakeAccount sourceAccount() {
    return source.account(USER);
  }

  @Test
  void snapshotCoversTheRecordedAccountAndTheMarkers() throws Exception {
    String text = Files.readString(snapshot);
    long events = text.lines().filter(l -> l.contains("\"kind\":\"event\"")).count();
    assertEquals(sourceAccount().eventIds().size() + 2, events, "every event plus the 2 deletions");
    assertTrue(text.contains("\"kind\":\"series\""));
    assertTrue(text.contains("\"kind\":\"attachment\""));
    assertTrue(text.contains("\"kind\":\"access\""));
    assertFalse(text.contains("\"intact\":false"), "every recorded integrity verifies");
  }

  @Test
  void cleanMigrationPassesAgainstSeedAndSnapshot() throws Exception {
    ToolRun seed = checkDest(seedManifest, readTokens, account -> {});
    assertEquals(0, seed.exit(), seed.toString());
    assertTrue(seed.out().contains("account verifyuser01: identical"), seed.out());
    assertTrue(seed.out().contains("check: all 1 account(s) identical"), seed.out());
    ToolRun full = checkDest(snapshot, tokenFile, account -> {});
    assertEquals(0, full.exit(), full.toString());
    assertTrue(full.out().matches("(?s).*events\\s+4\\d\\s+4\\d\\s+0\\s+0\\s+0.*"), full.out());
  }

  @Test
  void missingEventFails() throws Exception {
    String id = sourceAccount().eventIdsOfType("mass/kg").get(0);
    ToolRun run = checkDest(snapshot, tokenFile, account -> account.loseEvent(id));
    assertEquals(1, run.exit(), run.toString());
    assertTrue(
        run.out().contains("MISSING  event      " + id + ": (mass/kg) not on dest"), run.out());
  }

  @Test
  void changedContentFails() throws Exception {
    String id =
        sourceAccount().eventIdsOfType("note/txt").stream()
            .filter(
                e -> sourceAccount().event(e).path("content").asText().equals("verify marker r1"))
            .findFirst()
            .orElseThrow();
    ToolRun run =
        checkDest(
            seedManifest,
            readTokens,
            account -> account.corruptContent(id, JsonNodeFactory.instance.textNode("altered")));
    String kept = sourceAccount().event(id).get("integrity").asText();
    assertTrue(
        onlyDifference(run, id)
            .matches(
                Pattern.quote(
                        "CHANGED  event      "
                            + id
                            + ": (note/txt) content"
                            + " differs: expected "
                            + kept
                            + ", found ")
                    + EVENT_HASH_RE
                    + Pattern.quote("; not intact: dest declares " + kept)),
        run.out());
  }

  @Test
  void attachmentBytesChangedAtSameSizeFail() throws Exception {
    String id = seeded("picture/attached");
    String file = sourceAccount().event(id).path("attachments").get(0).path("id").asText();
    byte[] bytes = sourceAccount().file(id, file).clone();
    String before = sha256(bytes);
    bytes[0] ^= 1;
    String line =
        "CHANGED  attachment "
            + id
            + "/"
            + file
            + ": (marker-r1.bin) bytes differ: expected "
            + before
            + ", found "
            + sha256(bytes)
            + "; not intact: dest declares "
            + before;
    assertEquals(
        line,
        onlyDifference(
            checkDest(seedManifest, readTokens, a -> a.flipAttachmentByte(id, file)), id));
    assertEquals(
        line,
        onlyDifference(checkDest(snapshot, tokenFile, a -> a.flipAttachmentByte(id, file)), id));
  }

  @Test
  void seriesValueChangedAtSameCountFails() throws Exception {
    String id = seeded("series:mass/kg");
    String start =
        "CHANGED  series     "
            + id
            + ": ([\"deltaTime\",\"value\"]) points differ (50 points): expected ";
    for (ToolRun run :
        List.of(
            checkDest(seedManifest, readTokens, a -> a.changeSeriesValue(id, 17)),
            checkDest(snapshot, tokenFile, a -> a.changeSeriesValue(id, 17)))) {
      String line = onlyDifference(run, id);
      assertTrue(line.startsWith(start), line);
      String[] hashes = line.substring(start.length()).split(", found ");
      assertTrue(
          hashes[0].matches(SHA_RE) && hashes[1].matches(SHA_RE) && !hashes[0].equals(hashes[1]),
          line);
    }
  }

  @Test
  void renamedStreamFails() throws Exception {
    String start =
        "CHANGED  stream     verify-r1-child: (verify child) properties differ: expected ";
    for (ToolRun run :
        List.of(
            checkDest(seedManifest, readTokens, a -> a.renameStream("verify-r1-child", "x")),
            checkDest(snapshot, tokenFile, a -> a.renameStream("verify-r1-child", "x")))) {
      assertTrue(
          onlyDifference(run, "verify-r1-child")
              .matches(Pattern.quote(start) + SHA_RE + ", found " + SHA_RE),
          run.out());
    }
  }

  @Test
  void changedAccessFails() throws Exception {
    String id = sourceAccount().accessIdsOfType("shared").get(0);
    ToolRun run = checkDest(snapshot, tokenFile, a -> a.changeAccess(id, "renamed"));
    assertTrue(
        onlyDifference(run, id)
            .matches(
                Pattern.quote(
                        "CHANGED  access     "
                            + id
                            + ": (shared verify-check-r1) properties differ: expected ")
                    + SHA_RE
                    + ", found "
                    + SHA_RE),
        run.out());
  }

  @Test
  void eventIntegrityNotMatchingItsUnchangedContentFails() throws Exception {
    String id = seeded("mass/kg");
    String content = sourceAccount().event(id).get("integrity").asText();
    String forged = "EVENT:0:sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    for (ToolRun run :
        List.of(
            checkDest(seedManifest, readTokens, a -> a.replaceIntegrity(id, forged)),
            checkDest(snapshot, tokenFile, a -> a.replaceIntegrity(id, forged)))) {
      assertEquals(
          "CHANGED  event      "
              + id
              + ": (mass/kg) dest declares integrity "
              + forged
              + " but its content hashes to "
              + content,
          onlyDifference(run, id));
    }
  }

  @Test
  void attachmentIntegrityNotMatchingItsUnchangedBytesFails() throws Exception {
    String id = seeded("picture/attached");
    String file = sourceAccount().event(id).path("attachments").get(0).path("id").asText();
    String forged = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    ToolRun run =
        checkDest(snapshot, tokenFile, a -> a.replaceAttachmentIntegrity(id, file, forged));
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("DIFFERENT (2 differences)"), run.out());
    assertTrue(
        run.out()
            .contains(
                "CHANGED  attachment "
                    + id
                    + "/"
                    + file
                    + ": (marker-r1.bin) bytes on dest do not match the declared integrity "
                    + forged
                    + "\n"),
        run.out());
    // the attachment list is part of the event, so the event changed too, its old integrity kept
    assertTrue(
        run.out().contains("CHANGED  event      " + id + ": (picture/attached) content differs"),
        run.out());
  }

  /** The one difference of a failed check (exit 1), which must name id. */
  private static String onlyDifference(ToolRun run, String id) {
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("DIFFERENT (1 difference)"), run.out());
    return run.out()
        .lines()
        .map(String::strip)
        .filter(l -> l.matches("[A-Z]+ +\\w+ +" + Pattern.quote(id) + "\\S*: .*"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no difference for " + id + "\n" + run));
  }

  private String seeded(String type) {
    return sourceAccount().eventIdsOfType(type).stream()
        .filter(id -> sourceAccount().event(id).path("streamIds").toString().contains("verify-r1"))
        .findFirst()
        .orElseThrow();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256-"
        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void missingAttachmentFails() throws Exception {
    String id = sourceAccount().eventIdsOfType("picture/attached").get(0);
    ToolRun run = checkDest(snapshot, tokenFile, account -> account.loseAttachmentFile(id));
    assertEquals(1, run.exit(), run.toString());
    assertTrue(
        run.out()
            .matches(
                "(?s).*MISSING  attachment "
                    + id
                    + "/\\w+: \\(marker\\.bin\\) listed on dest but"
                    + " not downloadable: HTTP 404 unknown-resource.*"),
        run.out());
  }

  @Test
  void truncatedSeriesFails() throws Exception {
    List<String> series = sourceAccount().eventIdsOfType("series:mass/kg");
    String seeded =
        series.stream()
            .filter(
                id -> sourceAccount().event(id).path("streamIds").toString().contains("verify-r1"))
            .findFirst()
            .orElseThrow();
    ToolRun run =
        checkDest(seedManifest, readTokens, account -> account.truncateSeries(seeded, 30));
    assertEquals(1, run.exit(), run.toString());
    assertTrue(
        run.out()
            .contains("CHANGED  series     " + seeded + ": expected 50 points, found 30 points"),
        run.out());
  }

  @Test
  void extraEventFails() throws Exception {
    ObjectNode extra = JsonNodeFactory.instance.objectNode().put("id", "cextraevent00000000000001");
    extra.putArray("streamIds").add("verify-r1");
    extra
        .put("type", "note/txt")
        .put("content", "not migrated from source")
        .put("time", 1700000999)
        .put("created", 1795469999)
        .put("createdBy", "x")
        .put("modified", 1795469999)
        .put("modifiedBy", "x");
    ToolRun run = checkDest(seedManifest, readTokens, account -> account.addEvent(extra));
    assertEquals(1, run.exit(), run.toString());
    assertTrue(
        run.out()
            .contains(
                "EXTRA    event      cextraevent00000000000001: (note/txt) active on dest, not in"
                    + " the seed manifest"),
        run.out());
  }

  @Test
  void trashedEventFoundDeletedFails() throws Exception {
    String trashed =
        sourceAccount().trashedEventIds().stream()
            .filter(
                id -> sourceAccount().event(id).path("streamIds").toString().contains("verify-r1"))
            .findFirst()
            .orElseThrow();
    ToolRun run =
        checkDest(seedManifest, readTokens, account -> account.turnTrashedIntoDeleted(trashed));
    assertEquals(1, run.exit(), run.toString());
    assertTrue(
        run.out()
            .contains(
                "CHANGED  event      " + trashed + ": (note/txt) expected trashed, found deleted"),
        run.out());
  }

  @Test
  void jsonReportListsTheDifference() throws Exception {
    String id = sourceAccount().eventIdsOfType("mass/kg").get(0);
    ToolRun run = checkDest(snapshot, tokenFile, account -> account.loseEvent(id), "--json");
    assertEquals(1, run.exit(), run.toString());
    com.fasterxml.jackson.databind.JsonNode report =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertFalse(report.get("identical").asBoolean());
    com.fasterxml.jackson.databind.JsonNode account = report.get("accounts").get(0);
    assertEquals(1, account.get("table").get("events").get("missing").asInt());
    assertEquals(id, account.get("differences").get(0).get("id").asText());
    assertEquals("missing", account.get("differences").get(0).get("type").asText());
  }

  @Test
  void retriesAfterServerErrors() throws Exception {
    try (FakePryvServer dest = FakeCores.start(version)) {
      dest.putAccount(source.account(USER).copy(), TOKEN);
      dest.failNext(3);
      ToolRun run =
          ToolRun.run(
              Map.of(),
              "check",
              "--api",
              dest.baseUrl(),
              "--against",
              snapshot.toString(),
              "--token-file",
              tokenFile.toString(),
              "--retries",
              "3");
      assertEquals(0, run.exit(), run.toString());
      dest.failNext(10);
      ToolRun gaveUp =
          ToolRun.run(
              Map.of(),
              "check",
              "--api",
              dest.baseUrl(),
              "--against",
              snapshot.toString(),
              "--token-file",
              tokenFile.toString(),
              "--retries",
              "2");
      assertEquals(4, gaveUp.exit(), gaveUp.toString());
      assertTrue(
          gaveUp
              .err()
              .contains("failed after 3 attempt(s): HTTP 503 unexpected-error: injected failure"),
          gaveUp.err());
    }
  }

  @Test
  void clientErrorsShowTheApiErrorId() throws Exception {
    Path wrong = directory.resolve("wrong-token.txt");
    Files.writeString(wrong, "not-a-valid-token\n");
    ToolRun run =
        ToolRun.run(
            Map.of(),
            "snapshot",
            "--api",
            source.baseUrl(),
            "--user",
            USER,
            "--token-file",
            wrong.toString(),
            "--out",
            directory.resolve("never.snapshot").toString());
    assertEquals(4, run.exit(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "verify: error: GET /verifyuser01/streams: HTTP 403 invalid-access-token:"
                    + " Cannot find access from token."),
        run.err());
    assertFalse(run.err().contains("not-a-valid-token"), "the token is never printed");
    assertFalse(Files.exists(directory.resolve("never.snapshot")), "nothing written on error");
  }
}
