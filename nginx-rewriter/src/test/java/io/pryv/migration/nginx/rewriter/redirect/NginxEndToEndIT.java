package io.pryv.migration.nginx.rewriter.redirect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.testing.FreePorts;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.nginx.rewriter.cli.NginxRewriterTool;
import io.pryv.migration.nginx.rewriter.nginxtest.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nginx processes on loopback. "dest" (127.0.0.2) serves HTTPS with a self-signed
 * certificate and echoes the path, Host and SNI it receives; its /socket.io/ goes to a
 * websocket-like echo server. "source" (127.0.0.1) runs Pryv's current cluster core site-443.conf,
 * adapted only where it names the machine: the listen port, the certificate (given by the wrapper
 * nginx.conf, as Pryv's own nginx.conf does), the log folder, and the docker service names of the
 * upstreams (core, mfa, hfs, ...; they resolve only inside docker) mapped to 127.0.0.1. The
 * GitHub-hosted app of "location = /" is a local stand-in upstream, so that no byte leaves the
 * machine. The file is redirected with the jar's CLI code, requests go through source, then
 * rollback must restore the adapted file byte for byte and nginx -t must pass.
 */
class NginxEndToEndIT {
  private static final String HOST = "alice.pryv.test";

  @TempDir Path work;

  @Test
  void redirectedPryvSiteSendsEveryRouteToDestWithItsPathHostAndSni() throws Exception {
    Path nginx = RequiredPrograms.require("nginx");
    int destPort = FreePorts.find();
    int appWebPort = FreePorts.find();
    int sourcePort = FreePorts.find();
    Path dest = Files.createDirectories(work.resolve("dest"));
    Path source = Files.createDirectories(work.resolve("source"));
    SelfSignedCertificate certificate =
        SelfSignedCertificate.create(work, "localhost", ProcessRunner.local());

    try (UpgradeEchoServer websocket = new UpgradeEchoServer()) {
      Files.writeString(
          dest.resolve("nginx.conf"),
          destConfig(dest, certificate, destPort, appWebPort, websocket.port()));
      Path site = source.resolve("site-443.conf");
      byte[] original = adaptedPryvSite(source, sourcePort);
      Files.write(site, original);
      Files.writeString(
          source.resolve("nginx.conf"), sourceConfig(source, certificate, appWebPort));
      String originalTest = NginxProcess.test(nginx, source);
      assertTrue(
          originalTest.startsWith("ok"),
          "the adapted original must pass nginx -t: " + originalTest);

      Run redirect = run("redirect", site.toString(), "--to", "127.0.0.2:" + destPort);
      assertEquals(0, redirect.code(), redirect.err());
      assertTrue(Files.exists(source.resolve("site-443.conf.bak")));
      Run status = run("status", site.toString());
      assertEquals(0, status.code());
      assertTrue(status.out().contains("redirected to 127.0.0.2:" + destPort), status.out());

      try (NginxProcess destNginx = NginxProcess.start(nginx, dest, "127.0.0.2", destPort);
          NginxProcess sourceNginx = NginxProcess.start(nginx, source, "127.0.0.1", sourcePort)) {
        for (String path :
            new String[] {
              "/auth/login",
              "/mfa/x",
              "/previews/x",
              "/events/ID/series",
              "/series/batch",
              "/notify",
              "/access-info?auth=x"
            }) {
          assertReachesDest("GET", path, get(sourcePort, "GET", path), sourceNginx);
        }
        // "location = /": other methods reach the core (limit_except), GET still goes to the web
        // app.
        assertReachesDest("POST", "/", get(sourcePort, "POST", "/"), sourceNginx);
        String app = get(sourcePort, "GET", "/");
        assertTrue(app.contains("app-web uri=/app-web/ host=pryv.github.io"), app);

        try (RawHttps client = new RawHttps("127.0.0.1", sourcePort)) {
          String head =
              client.request(
                  "GET",
                  "/socket.io/?EIO=4&transport=websocket",
                  HOST,
                  "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
          assertTrue(head.startsWith("HTTP/1.1 101"), head + sourceNginx.logs());
          String seen = websocket.requestHead().get(10, TimeUnit.SECONDS);
          assertTrue(
              seen.startsWith("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"), seen);
          assertTrue(seen.contains("\r\nHost: " + HOST + "\r\n"), seen);
          assertTrue(seen.toLowerCase().contains("\r\nupgrade: websocket\r\n"), seen);
          assertTrue(seen.contains("\r\nX-Sni: " + HOST + "\r\n"), seen);
          client.write("ping over two proxies".getBytes(StandardCharsets.US_ASCII));
          assertEquals(
              "ping over two proxies",
              new String(client.read("ping over two proxies".length()), StandardCharsets.US_ASCII));
        }
      }

      Files.delete(source.resolve("site-443.conf.bak")); // rollback must not need the backup
      Run rollback = run("rollback", site.toString());
      assertEquals(0, rollback.code(), rollback.err());
      assertArrayEquals(original, Files.readAllBytes(site));
      assertEquals(1, run("status", site.toString()).code());
      String test = NginxProcess.test(nginx, source);
      assertTrue(test.startsWith("ok"), test);
    }
  }

  private static void assertReachesDest(
      String method, String path, String response, NginxProcess source) throws Exception {
    String expected = "dest method=" + method + " uri=" + path + " host=" + HOST + " sni=" + HOST;
    assertTrue(
        response.startsWith("HTTP/1.1 200") && response.contains(expected),
        "expected '" + expected + "' in:\n" + response + "\n" + source.logs());
  }

  private static String get(int port, String method, String path) throws Exception {
    try (RawHttps client = new RawHttps("127.0.0.1", port)) {
      return client.request(method, path, HOST, "");
    }
  }

  private static byte[] adaptedPryvSite(Path source, int port) throws Exception {
    String text;
    try (InputStream in =
        NginxEndToEndIT.class.getResourceAsStream("/pryv/cluster-core.site-443.conf")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String adapted =
        text.replace(
                "listen                443 ssl;",
                "listen                127.0.0.1:" + port + " ssl;")
            .replace("/app/log/", source.resolve("logs") + "/")
            .replaceAll("server (core|mfa|hfs|preview|config-follower):", "server 127.0.0.1:");
    if (adapted.equals(text)
        || adapted.contains("server core:")
        || !adapted.contains(":" + port + " ssl;")) {
      throw new IllegalStateException("the Pryv fixture no longer has the lines this test adapts");
    }
    return adapted.getBytes(StandardCharsets.UTF_8);
  }

  private static String sourceConfig(Path dir, SelfSignedCertificate certificate, int appWebPort) {
    return """
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log info;
        events { worker_connections 64; }
        http {
          log_format default '[$time_local] $remote_addr "$host" "$request" $status';
          ssl_certificate %2$s;
          ssl_certificate_key %3$s;
          # Stand-in for the GitHub-hosted web app of "location = /": nginx prefers a named upstream to DNS.
          upstream pryv.github.io { server 127.0.0.3:%4$d; }
          include %1$s/site-443.conf;
        }
        """
        .formatted(dir, certificate.certificate(), certificate.key(), appWebPort);
  }

  private static String destConfig(
      Path dir, SelfSignedCertificate certificate, int port, int appWebPort, int websocketPort) {
    return """
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log info;
        events { worker_connections 64; }
        http {
          default_type text/plain;
          access_log %1$s/logs/access.log;
          ssl_certificate %2$s;
          ssl_certificate_key %3$s;
          server {
            listen 127.0.0.2:%4$d ssl;
            location /socket.io/ {
              proxy_pass http://127.0.0.1:%6$d;
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection "upgrade";
              proxy_set_header Host $host;
              proxy_set_header X-Sni $ssl_server_name;
            }
            location / {
              return 200 "dest method=$request_method uri=$request_uri host=$host sni=$ssl_server_name\\n";
            }
          }
          server {
            listen 127.0.0.3:%5$d ssl;
            location / {
              return 200 "app-web uri=$request_uri host=$host\\n";
            }
          }
        }
        """
        .formatted(
            dir, certificate.certificate(), certificate.key(), port, appWebPort, websocketPort);
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
