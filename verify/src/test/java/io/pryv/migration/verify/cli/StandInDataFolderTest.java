package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.standins.pryvcore.CoreData;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.verify.fake.FakeCores;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pryvio_core stand-in's data folder is the core's data: seeded through the API, it serves the
 * same fingerprints after a restart, and so does a copy of the folder on another core (what the
 * migration's transfer of {@code pryv/core/data} does).
 */
class StandInDataFolderTest {
  private static final String USER = "standin-user";

  @TempDir Path dir;

  private static FakePryvServer serve(Path data) throws Exception {
    return FakePryvServer.serving(
            CoreData.open(data), new InetSocketAddress("127.0.0.1", 0), FakePryvServer.Version.V2)
        .seriesCoolDown(FakeCores.COOL_DOWN);
  }

  private static String register(FakePryvServer core) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(core.baseUrl() + "users"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"appId\":\"t\",\"username\":\""
                                + USER
                                + "\",\"password\":\"p\",\"email\":\"u@example.com\",\"languageCode\":\"en\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    String endpoint = new ObjectMapper().readTree(answer.body()).get("apiEndpoint").asText();
    return endpoint.substring(endpoint.indexOf("://") + 3, endpoint.indexOf('@'));
  }

  private ToolRun snapshot(FakePryvServer core, Path tokens, Path out) {
    return ToolRun.run(
        Map.of(),
        "snapshot",
        "--api",
        core.baseUrl(),
        "--user",
        USER,
        "--token-file",
        tokens.toString(),
        "--out",
        out.toString(),
        "--page-size",
        "7");
  }

  private ToolRun check(FakePryvServer core, Path tokens, Path against) {
    return ToolRun.run(
        Map.of(),
        "check",
        "--api",
        core.baseUrl(),
        "--user",
        USER,
        "--token-file",
        tokens.toString(),
        "--against",
        against.toString());
  }

  @Test
  void aRestartedCoreAndACopyOfItsFolderServeTheSeededAccountUnchanged() throws Exception {
    Path data = dir.resolve("pryv/core/data");
    Path tokens = dir.resolve("tokens.txt");
    Path seed = dir.resolve("seed.json");
    Path before = dir.resolve("before.snapshot");
    try (FakePryvServer source = serve(data)) {
      Files.writeString(tokens, register(source) + "\n");
      ToolRun seeded =
          ToolRun.run(
              Map.of(),
              "seed",
              "--api",
              source.baseUrl(),
              "--user",
              USER,
              "--token-file",
              tokens.toString(),
              "--out",
              seed.toString(),
              "--run-id",
              "r1",
              "--series-points",
              "20");
      assertEquals(0, seeded.exit(), seeded.toString());
      ToolRun snap = snapshot(source, tokens, before);
      assertEquals(0, snap.exit(), snap.toString());
    }
    String recorded = Files.readString(before);
    assertTrue(
        recorded.contains("\"kind\":\"attachment\"") && recorded.contains("\"kind\":\"series\""),
        recorded);

    try (FakePryvServer restarted = serve(data)) {
      ToolRun after = check(restarted, tokens, before);
      assertEquals(0, after.exit(), after.toString());
      assertTrue(after.out().contains("check: all 1 account(s) identical"), after.out());
      // and it goes on: a second seed in the same account gets new ids (no clash with the first
      // run's)
      ToolRun again =
          ToolRun.run(
              Map.of(),
              "seed",
              "--api",
              restarted.baseUrl(),
              "--user",
              USER,
              "--token-file",
              tokens.toString(),
              "--out",
              dir.resolve("seed2.json").toString(),
              "--run-id",
              "r2",
              "--series-points",
              "5");
      assertEquals(0, again.exit(), again.toString());
    }

    Path copy = dir.resolve("dest/pryv/core/data");
    copyTree(data, copy);
    Path afterBoth = dir.resolve("after.snapshot");
    try (FakePryvServer dest = serve(copy);
        FakePryvServer source = serve(data)) {
      assertEquals(0, snapshot(dest, tokens, afterBoth).exit());
      ToolRun sameAsSource = check(source, tokens, afterBoth);
      assertEquals(
          0,
          sameAsSource.exit(),
          "the copy serves what the folder it was copied from serves\n" + sameAsSource);
      ToolRun seedOnDest = check(dest, dir.resolve("seed.json.token"), seed);
      assertEquals(0, seedOnDest.exit(), seedOnDest.toString());
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
