package io.pryv.migration.standins.pryvcore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in core keeps what it answered in its data folder: a restarted core and a copied folder
 * serve it.
 */
class CoreDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<FakePryvServer> cores = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    cores.forEach(FakePryvServer::close);
  }

  private FakePryvServer start(Path data) throws Exception {
    FakePryvServer core =
        FakePryvServer.serving(
                CoreData.open(data),
                new InetSocketAddress("127.0.0.1", 0),
                FakePryvServer.Version.V2)
            .seriesCoolDown(Duration.ofMillis(200));
    cores.add(core);
    return core;
  }

  private JsonNode call(FakePryvServer core, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(core.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(
        response.statusCode() < 300,
        method + " " + path + ": " + response.statusCode() + " " + response.body());
    return JSON.readTree(response.body());
  }

  /** Registers through {@code POST /users} and returns the personal token of the apiEndpoint. */
  private String register(FakePryvServer core, String user) throws Exception {
    JsonNode answer =
        call(
            core,
            "POST",
            "users",
            null,
            "{\"appId\":\"t\",\"username\":\""
                + user
                + "\",\"password\":\"p\",\"email\":\""
                + user
                + "@example.com\",\"languageCode\":\"en\"}");
    String endpoint = answer.get("apiEndpoint").asText();
    return endpoint.substring(endpoint.indexOf("://") + 3, endpoint.indexOf('@'));
  }

  private byte[] download(FakePryvServer core, String path, String token) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(core.baseUrl() + path))
                .header("Authorization", token)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), path);
    return response.body();
  }

  private JsonNode upload(FakePryvServer core, String user, String token, String event, byte[] file)
      throws Exception {
    String boundary = "b0undary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\n"
                + event
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bytes.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + file.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(file, 0, body, head.length, file.length);
    System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(core.baseUrl() + user + "/events"))
                .header("Authorization", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("event");
  }

  @Test
  void everythingAnsweredIsServedAgainAfterARestartAndFromACopyOfTheFolder() throws Exception {
    Path data = dir.resolve("data");
    FakePryvServer first = start(data);
    String token = register(first, "alice-standin");
    call(first, "POST", "alice-standin/streams", token, "{\"id\":\"diary\",\"name\":\"Diary\"}");
    JsonNode note =
        call(
                first,
                "POST",
                "alice-standin/events",
                token,
                "{\"streamIds\":[\"diary\"],\"type\":\"note/txt\",\"content\":\"kept\",\"time\":1795470001.25}")
            .get("event");
    byte[] bytes = new byte[70_000];
    new java.util.Random(7).nextBytes(bytes);
    JsonNode withFile =
        upload(
            first,
            "alice-standin",
            token,
            "{\"streamIds\":[\"diary\"],\"type\":\"picture/attached\"}",
            bytes);
    String fileId = withFile.get("attachments").get(0).get("id").asText();
    JsonNode trashed =
        call(
                first,
                "POST",
                "alice-standin/events",
                token,
                "{\"streamIds\":[\"diary\"],\"type\":\"note/txt\",\"content\":\"trash me\"}")
            .get("event");
    call(first, "DELETE", "alice-standin/events/" + trashed.get("id").asText(), token, null);
    JsonNode before =
        call(
            first,
            "GET",
            "alice-standin/events?state=all&limit=100&sortAscending=true",
            token,
            null);
    JsonNode streams =
        call(first, "GET", "alice-standin/streams?state=all", token, null).get("streams");
    assertTrue(streams.toString().contains("\"name\":\"Diary\""), streams.toString());
    first.close(); // no flush on close: only what each answer waited for is on disk

    Path copy = dir.resolve("copy");
    copyTree(data, copy);
    for (Path folder : List.of(data, copy)) {
      FakePryvServer again = start(folder);
      assertEquals(1, again.accountCount(), folder.toString());
      JsonNode after =
          call(
              again,
              "GET",
              "alice-standin/events?state=all&limit=100&sortAscending=true",
              token,
              null);
      assertEquals(
          before.get("events"),
          after.get("events"),
          folder + ": the same events, integrity included");
      assertEquals(
          note,
          call(again, "GET", "alice-standin/events/" + note.get("id").asText(), token, null)
              .get("event"));
      assertArrayEquals(
          bytes,
          download(
              again, "alice-standin/events/" + withFile.get("id").asText() + "/" + fileId, token),
          folder + ": the attachment's bytes");
      assertEquals(
          streams,
          call(again, "GET", "alice-standin/streams?state=all", token, null).get("streams"),
          folder + ": the same stream tree, in the same order");
      again.close();
    }
  }

  @Test
  void aRestartedCoreGoesOnWithNewIdsAndALaterClock() throws Exception {
    Path data = dir.resolve("data");
    FakePryvServer first = start(data);
    String token = register(first, "bob-standin");
    JsonNode stream =
        call(first, "POST", "bob-standin/streams", token, "{\"name\":\"first\"}").get("stream");
    first.close();
    FakePryvServer second = start(data);
    JsonNode next =
        call(second, "POST", "bob-standin/streams", token, "{\"name\":\"second\"}").get("stream");
    assertNotEquals(
        stream.get("id").asText(), next.get("id").asText(), "a new id, not the first one again");
    assertTrue(
        next.get("created").asDouble() > stream.get("created").asDouble(),
        next + " after " + stream);
    assertTrue(
        Math.abs(next.get("created").asDouble() - System.currentTimeMillis() / 1000.0) < 60,
        "a core serving a data folder runs on the wall clock: " + next);
  }

  @Test
  void theSeriesUpdaterRewriteIsSavedAndAPendingOneIsLostWithTheProcess() throws Exception {
    Path data = dir.resolve("data");
    FakePryvServer first = start(data);
    String token = register(first, "carol-standin");
    call(first, "POST", "carol-standin/streams", token, "{\"id\":\"hf\",\"name\":\"hf\"}");
    String settled =
        call(
                first,
                "POST",
                "carol-standin/events",
                token,
                "{\"streamIds\":[\"hf\"],\"type\":\"series:mass/kg\"}")
            .get("event")
            .get("id")
            .asText();
    call(
        first,
        "POST",
        "carol-standin/events/" + settled + "/series",
        token,
        "{\"format\":\"flatJSON\",\"fields\":[\"deltaTime\",\"value\"],\"points\":[[0,1],[2.5,2]]}");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!call(first, "GET", "carol-standin/events/" + settled, token, null)
        .get("event")
        .has("duration")) {
      assertTrue(System.nanoTime() < deadline, "the series event was never rewritten");
      Thread.sleep(50);
    }
    first.seriesCoolDown(Duration.ofHours(1));
    String pending =
        call(
                first,
                "POST",
                "carol-standin/events",
                token,
                "{\"streamIds\":[\"hf\"],\"type\":\"series:mass/kg\"}")
            .get("event")
            .get("id")
            .asText();
    call(
        first,
        "POST",
        "carol-standin/events/" + pending + "/series",
        token,
        "{\"format\":\"flatJSON\",\"fields\":[\"deltaTime\",\"value\"],\"points\":[[0,1]]}");
    first.close();

    FakePryvServer second = start(data);
    JsonNode event =
        call(second, "GET", "carol-standin/events/" + settled, token, null).get("event");
    assertEquals(2_500_000_000L, event.get("duration").asLong(), event.toString());
    assertEquals(
        "[[0,1]]",
        call(second, "GET", "carol-standin/events/" + pending + "/series", token, null)
            .get("points")
            .toString(),
        "the points were saved");
    second.seriesCoolDown(Duration.ofHours(1));
    assertTrue(
        !call(second, "GET", "carol-standin/events/" + pending, token, null)
            .get("event")
            .has("duration"),
        "a core stopped inside the cool-down drops the pending update (corpus README, seen on a live core)");
  }

  static void copyTree(Path from, Path to) throws Exception {
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
