package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.testing.FreePorts;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.common.testing.TestDocker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two stand-in images of the rehearsal in the private Docker engine, with the host's network as
 * Pryv's containers have theirs in the rehearsal: {@code pryv-test/core:1} (pryvio_core) keeps what
 * it was sent in its mounted data folder across a restart, and {@code pryv-test/config-follower:1}
 * (pryvio_config_follower) rewrites site-443.conf from the config leader's copy every time it
 * starts: a restart undoes a redirect.
 */
class StandInContainersIT {
  static final String CORE_IMAGE = "pryv-test/core:1";
  static final String FOLLOWER_IMAGE = "pryv-test/config-follower:1";
  static final String JAR_PROPERTY = "pryv-core.stand-in.jar";
  static final String JAR_IN_CONTAINER = "/opt/pryv-core-stand-in/lib/pryv-core-stand-in.jar";
  private static final String USER = "standin-it";

  private final List<String> containers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestDocker docker;

  @TempDir Path dir;

  @AfterEach
  void remove() {
    if (docker != null) {
      docker.remove(containers.toArray(String[]::new));
    }
  }

  private static Path jar() {
    String property = System.getProperty(JAR_PROPERTY);
    Path jar = property == null ? null : Path.of(property);
    RequiredPrograms.requireThat(
        jar != null && Files.isRegularFile(jar),
        "the pryvio_core stand-in jar at "
            + jar
            + " (built by mvn -pl verify -am verify, from stand-ins/pryv-core)");
    return jar;
  }

  private String run(String name, String... args) {
    docker.remove(name);
    containers.add(name);
    List<String> command =
        new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "host"));
    command.addAll(List.of(args));
    return docker.ok(command.toArray(String[]::new));
  }

  /**
   * Waits until the container's log holds {@code text} {@code times} times (a restart logs it
   * again).
   */
  private void awaitLog(String name, String text, int times) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String logs;
    do {
      logs = docker.run("logs", name).out();
      if (logs.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException(
        name + " never logged \"" + text + "\" " + times + " time(s): " + logs);
  }

  private String register(String api) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "users"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"appId\":\"it\",\"username\":\""
                            + USER
                            + "\",\"password\":\"p\",\"email\":\"it@example.com\","
                            + "\"languageCode\":\"en\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    String endpoint = new ObjectMapper().readTree(answer.body()).get("apiEndpoint").asText();
    return endpoint.substring(endpoint.indexOf("://") + 3, endpoint.indexOf('@'));
  }

  private static ToolRun snapshot(String api, Path tokens, Path out) {
    return ToolRun.run(
        Map.of(),
        "snapshot",
        "--api",
        api,
        "--user",
        USER,
        "--token-file",
        tokens.toString(),
        "--out",
        out.toString());
  }

  /** The snapshot without its header line (which names the API and the time it was taken). */
  private static List<String> records(Path snapshot) throws Exception {
    List<String> lines = Files.readAllLines(snapshot);
    return lines.subList(1, lines.size());
  }

  @Test
  void theCoreContainerServesTheSeededAccountUnchangedAfterARestart() throws Exception {
    docker = TestDocker.require(CORE_IMAGE);
    Path data = Files.createDirectories(dir.resolve("var/pryv/pryv/core/data"));
    int port = FreePorts.find();
    String api = "http://127.0.0.1:" + port + "/";
    String core = TestDocker.name("pryvio_core");
    run(
        core,
        "-v",
        data + ":/app/data/",
        "-v",
        jar() + ":" + JAR_IN_CONTAINER + ":ro",
        CORE_IMAGE,
        "--listen",
        "127.0.0.1:" + port,
        "--series-cool-down",
        "0.5");
    awaitLog(
        core,
        "pryv-core-stand-in: serving 0 account(s) from /app/data on http://127.0.0.1:" + port,
        1);

    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(tokens, register(api) + "\n");
    ToolRun seed =
        ToolRun.run(
            Map.of(),
            "seed",
            "--api",
            api,
            "--user",
            USER,
            "--token-file",
            tokens.toString(),
            "--out",
            dir.resolve("seed.json").toString(),
            "--run-id",
            "it",
            "--series-points",
            "20");
    assertEquals(0, seed.exit(), seed.toString());
    Path before = dir.resolve("before.snapshot");
    ToolRun first = snapshot(api, tokens, before);
    assertEquals(0, first.exit(), first.toString());
    assertTrue(
        Files.exists(data.resolve("stand-in/accounts/" + USER + ".json")),
        "the account is in the folder");

    docker.ok("restart", "-t", "10", core);
    awaitLog(core, "pryv-core-stand-in: serving 1 account(s) from /app/data on", 1);
    Path after = dir.resolve("after.snapshot");
    ToolRun second = snapshot(api, tokens, after);
    assertEquals(0, second.exit(), second.toString());
    assertEquals(records(before), records(after), "the same fingerprints after the restart");
    ToolRun check =
        ToolRun.run(
            Map.of(),
            "check",
            "--api",
            api,
            "--token-file",
            tokens.toString(),
            "--against",
            before.toString());
    assertEquals(0, check.exit(), check.toString());
  }

  @Test
  void theFollowerRewritesSite443FromTheLeadersCopyEachTimeItStarts() throws Exception {
    docker = TestDocker.require(FOLLOWER_IMAGE);
    // reg-master's config-leader/data/core/ (the leader's copy) and a core's /var/pryv
    String leaderCopy =
        Files.readString(Path.of(System.getProperty("pryv.examples"), "site-443.conf"));
    Path leaderData = dir.resolve("reg-master/var/pryv/config-leader/data");
    Files.createDirectories(leaderData.resolve("core/nginx/conf"));
    Files.writeString(leaderData.resolve("core/nginx/conf/site-443.conf"), leaderCopy);
    Files.writeString(
        leaderData.resolve("core/nginx/conf/nginx.conf"), "# the leader's nginx.conf\n");
    Path confRoot = dir.resolve("source/var/pryv");
    Path site =
        Files.createDirectories(confRoot.resolve("pryv/nginx/conf")).resolve("site-443.conf");
    Path followerConf = Files.createDirectories(confRoot.resolve("config-follower/conf"));
    int leaderPort = FreePorts.find();
    int followerPort = FreePorts.find();
    Files.writeString(
        followerConf.resolve("config-follower.json"),
        "{\"http\":{\"port\":"
            + followerPort
            + ",\"ip\":\"127.0.0.1\"},\"leader\":{\"url\":\"http://127.0.0.1:"
            + leaderPort
            + "/\",\"auth\":\"machine-key\"},"
            + "\"paths\":{\"dataFolder\":\"/app/pryv/\"}}");
    String redirected =
        leaderCopy.replace(
            "server core:3000 max_fails=3 fail_timeout=30s;",
            "# server core:3000 max_fails=3 fail_timeout=30s; # redirected\n  server 10.0.0.2:443;");
    assertNotEquals(leaderCopy, redirected);
    Files.writeString(site, redirected);

    String leader = TestDocker.name("pryvio_config_leader");
    run(
        leader,
        "--entrypoint",
        "/app/bin/config-leader",
        "-e",
        "LEADER_KEY=machine-key",
        "-e",
        "LEADER_LISTEN=127.0.0.1:" + leaderPort,
        "-v",
        leaderData + ":/app/data/:ro",
        FOLLOWER_IMAGE);
    awaitLog(leader, "config-leader: serving", 1);
    String follower = TestDocker.name("pryvio_config_follower");
    run(
        follower,
        "--restart",
        "unless-stopped",
        "-v",
        confRoot.resolve("pryv") + ":/app/pryv/",
        "-v",
        followerConf + ":/app/conf/",
        FOLLOWER_IMAGE);
    awaitLog(follower, "Server running on: 127.0.0.1:" + followerPort, 1);
    assertEquals(
        leaderCopy,
        Files.readString(site),
        "started: the leader's copy replaced the redirected file");
    assertEquals(
        "# the leader's nginx.conf\n", Files.readString(site.resolveSibling("nginx.conf")));

    Files.writeString(site, redirected); // the redirect, made again
    docker.ok("restart", "-t", "5", follower);
    awaitLog(follower, "Server running on: 127.0.0.1:" + followerPort, 2);
    assertEquals(leaderCopy, Files.readString(site), "restarted: the redirect is undone");

    Files.writeString(site, redirected);
    URI notifyUri = URI.create("http://127.0.0.1:" + followerPort + "/notify");
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(notifyUri)
                .header("Authorization", "other-key")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, refused.statusCode(), refused.body());
    assertEquals(redirected, Files.readString(site), "a notify with another key writes nothing");
    HttpResponse<String> notify =
        http.send(
            HttpRequest.newBuilder(notifyUri)
                .header("Authorization", "machine-key")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, notify.statusCode(), notify.body());
    assertTrue(notify.body().contains("/app/pryv/nginx/conf/site-443.conf"), notify.body());
    assertEquals(leaderCopy, Files.readString(site), "POST /notify: the redirect is undone too");

    docker.ok("stop", "-t", "5", leader);
    Files.writeString(site, redirected);
    docker.ok("restart", "-t", "5", follower);
    Thread.sleep(1500);
    assertTrue(
        docker
            .run("logs", follower)
            .out()
            .contains("cannot get the configuration from http://127.0.0.1:" + leaderPort),
        docker.run("logs", follower).out());
    assertEquals(
        redirected,
        Files.readString(site),
        "a follower that cannot reach its leader writes nothing");
  }
}
