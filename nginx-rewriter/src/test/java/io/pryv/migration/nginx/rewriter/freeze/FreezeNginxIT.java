package io.pryv.migration.nginx.rewriter.freeze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.testing.FreePorts;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.nginx.rewriter.cli.NginxRewriterTool;
import io.pryv.migration.nginx.rewriter.redirect.Fixtures;
import io.pryv.migration.nginx.rewriter.redirect.NginxProcess;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx running Pryv's current cluster core site-443.conf, adapted only where it names the
 * machine (listen address, plain HTTP instead of the certificate, log folder, the docker service
 * names of the upstream servers all mapped to one in-test backend). The file is frozen through the
 * CLI and nginx reloaded while clients keep reading: no read may fail, a slow read in flight across
 * the reload completes, then reads pass and every write gets the freeze's 503 without reaching the
 * backend. Unfreeze and reload: writes reach the backend again.
 */
class FreezeNginxIT {
  private static final String EVENTS = "/alice/events";

  @TempDir Path work;

  @Test
  void frozenPryvSiteAnswersReadsRefusesWritesAndReloadsWithoutFailingAnyRead() throws Exception {
    Path nginx = RequiredPrograms.require("nginx");
    int port = FreePorts.find();
    try (Backend backend = new Backend()) {
      Path site = work.resolve("site-443.conf");
      byte[] original = adaptedPryvSite(port, backend.port());
      Files.write(site, original);
      Files.writeString(work.resolve("nginx.conf"), wrapper(backend.port()));
      assertTrue(NginxProcess.test(nginx, work).startsWith("ok"), NginxProcess.test(nginx, work));

      try (NginxProcess server = NginxProcess.start(nginx, work, "127.0.0.1", port)) {
        assertEquals(200, RawHttp.send(port, "POST", EVENTS, "", "{}").status(), server.logs());
        assertTrue(backend.seen().contains("POST " + EVENTS));

        Run freeze = run("freeze", site.toString(), "--retry-after", "30");
        assertEquals(0, freeze.code(), freeze.err());
        assertTrue(
            NginxProcess.test(nginx, work).startsWith("ok"),
            "nginx -t on the frozen file: " + NginxProcess.test(nginx, work));
        reloadUnderReadLoad(nginx, port, "POST", 503, "freeze");

        for (String method : List.of("GET", "HEAD", "OPTIONS")) {
          RawHttp.Response read = RawHttp.send(port, method, EVENTS + "?limit=1", "", null);
          assertEquals(200, read.status(), method + " " + read.body());
          assertTrue(
              backend.seen().contains(method + " " + EVENTS + "?limit=1"),
              method + " reaches the core");
        }
        int before = backend.seen().size();
        for (String[] write :
            new String[][] {
              {"POST", EVENTS},
              {"PUT", EVENTS + "/e1"},
              {"DELETE", EVENTS + "/e1"},
              {"POST", "/alice/auth/login"},
              {"POST", "/"},
              {"POST", "/notify"},
              {"PATCH", "/alice/streams/s"},
              {"POST", "/alice/events/e1/series"}
            }) {
          RawHttp.Response refused =
              RawHttp.send(port, write[0], write[1], "Origin: https://app.example\r\n", "{}");
          String what = write[0] + " " + write[1];
          assertEquals(503, refused.status(), what);
          assertEquals("30", refused.header("Retry-After"), what);
          assertEquals("application/json", refused.header("Content-Type"), what);
          assertEquals("https://app.example", refused.header("Access-Control-Allow-Origin"), what);
          JsonNode body = JsonOutput.mapper().readTree(refused.body());
          assertEquals("api-unavailable", body.path("error").path("id").asText(), what);
          assertTrue(
              body.path("error").path("message").asText().contains("Retry in 30 seconds"), what);
        }
        RawHttp.Response upgrade =
            RawHttp.send(
                port,
                "GET",
                "/socket.io/?EIO=4&transport=websocket",
                "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
                null);
        assertEquals(503, upgrade.status(), "a websocket can carry writes");
        assertEquals(
            before,
            backend.seen().size(),
            "no refused request reached the backend: "
                + backend.seen().subList(before, backend.seen().size()));

        Run status = run("status", site.toString());
        assertEquals(1, status.code(), "status exits for the redirect only: not redirected");
        assertTrue(
            status
                .out()
                .contains("frozen: writes get 503 with Retry-After 30 (1 of 1 server block)"),
            status.out());

        Run unfreeze = run("unfreeze", site.toString());
        assertEquals(0, unfreeze.code(), unfreeze.err());
        assertArrayEquals(original, Files.readAllBytes(site));
        reloadUnderReadLoad(nginx, port, "POST", 200, "unfreeze");
        assertTrue(backend.seen().contains("POST " + EVENTS + "?after=unfreeze"));
      }
    }
  }

  /**
   * Reloads nginx while 4 clients read, with a slow read in flight; waits until a METHOD request
   * answers the expected status. Fails if any read failed; prints the figures.
   */
  private void reloadUnderReadLoad(Path nginx, int port, String method, int expected, String what)
      throws Exception {
    CompletableFuture<RawHttp.Response> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return RawHttp.send(port, "GET", "/alice/slow", "", null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    ReadLoad.Figures figures;
    long effective;
    try (ReadLoad load = new ReadLoad(port, EVENTS, 4)) {
      Thread.sleep(500);
      long start = System.nanoTime();
      Process reload =
          new ProcessBuilder(
                  nginx.toString(),
                  "-p",
                  work + "/",
                  "-c",
                  work.resolve("nginx.conf").toString(),
                  "-s",
                  "reload")
              .redirectErrorStream(true)
              .start();
      String output = new String(reload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, reload.waitFor(), output);
      while (RawHttp.send(port, method, EVENTS + "?after=" + what, "", "{}").status() != expected) {
        assertTrue(
            System.nanoTime() - start < 10_000_000_000L, what + " did not take effect within 10 s");
        Thread.sleep(5);
      }
      effective = (System.nanoTime() - start) / 1_000_000;
      Thread.sleep(1000);
      figures = load.stop();
    }
    RawHttp.Response slowResponse = slow.get();
    assertEquals(200, slowResponse.status(), "a read in flight during the reload completes");
    assertEquals(List.of(), figures.failures(), what + ": reads failed during the reload");
    System.out.printf(
        "%s + nginx -s reload: %d reads (4 clients, 0.5 s before to 1 s after), %d failed,"
            + " median %d ms, slowest %d ms; a 1.5 s read in flight completed; the new config answered %d ms after"
            + " the reload command%n",
        what,
        figures.requests(),
        figures.failures().size(),
        figures.medianMillis(),
        figures.maxMillis(),
        effective);
  }

  private byte[] adaptedPryvSite(int port, int backendPort) throws Exception {
    String text =
        new String(Fixtures.resource("pryv/cluster-core.site-443.conf"), StandardCharsets.UTF_8);
    String adapted =
        text.replace(
                "listen                443 ssl;", "listen                127.0.0.1:" + port + ";")
            .replace("/app/log/", work.resolve("logs") + "/")
            .replaceAll(
                "server (core|mfa|hfs|preview|config-follower):\\d+",
                "server 127.0.0.1:" + backendPort);
    if (adapted.contains("server core:") || !adapted.contains("127.0.0.1:" + port + ";")) {
      throw new IllegalStateException("the Pryv fixture no longer has the lines this test adapts");
    }
    return adapted.getBytes(StandardCharsets.UTF_8);
  }

  private String wrapper(int backendPort) {
    return """
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log info;
        worker_processes 2;
        events { worker_connections 256; }
        http {
          log_format default '[$time_local] $remote_addr "$host" "$request" $status';
          # Stand-in for the GitHub-hosted web app of "location = /" (never requested here).
          upstream pryv.github.io { server 127.0.0.1:%2$d; }
          include %1$s/site-443.conf;
        }
        """
        .formatted(work, backendPort);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new NginxRewriterTool(
                InputStream.nullInputStream(),
                new PrintStream(out, true),
                new PrintStream(err, true),
                Map.of("PATH", System.getenv().getOrDefault("PATH", "")),
                ProcessRunner.local())
            .run(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
