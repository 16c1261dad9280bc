package io.pryv.migration.verify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.verify.fake.FakeCores;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transport on its own: --resolve over plain HTTP, streamed bodies, a closed port. */
class HttpTransportTest {

  @Test
  void resolveConnectsToTheAddressAndKeepsTheHostName() throws Exception {
    try (FakePryvServer core = FakeCores.start(FakePryvServer.Version.V2)) {
      String name = "core.resolve.test"; // not in any DNS: only --resolve can reach it
      try (HttpTransport transport =
          new HttpTransport(
              URI.create("http://" + name + ":" + core.port() + "/"),
              List.of(new ResolveRule(name, core.port(), "127.0.0.1")),
              new TlsSettings(List.of(), false),
              Duration.ofSeconds(5),
              Duration.ofSeconds(5))) {
        assertEquals("127.0.0.1", transport.connectAddress());
        for (int i = 0; i < 3; i++) {
          try (HttpResponse response =
              transport.send(new HttpRequest("GET", "/", Map.of(), null))) {
            assertEquals(200, response.status());
            assertTrue(new String(response.body().readAllBytes()).contains("\"apiVersion\""));
            assertEquals("2.0.0-pre.4", response.header("API-Version"));
          }
        }
        assertTrue(
            core.hostsSeen().contains(name + ":" + core.port()), "Host: " + core.hostsSeen());
      }
    }
  }

  @Test
  void aPostBodyArrivesWithItsContentType() throws Exception {
    try (FakePryvServer core = FakeCores.start(FakePryvServer.Version.V2);
        HttpTransport transport =
            new HttpTransport(
                URI.create(core.baseUrl()),
                List.of(),
                new TlsSettings(List.of(), false),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5))) {
      byte[] body = "{\"appId\":\"t\",\"username\":\"posted01\",\"password\":\"p\"}".getBytes();
      try (HttpResponse response =
          transport.send(
              new HttpRequest(
                  "POST", "/users", Map.of("Content-Type", "application/json"), body))) {
        assertEquals(200, response.status(), new String(response.body().readAllBytes()));
      }
      assertTrue(core.account("posted01") != null);
    }
  }

  @Test
  void aClosedPortFailsWithAnIoError() {
    try (HttpTransport transport =
        new HttpTransport(
            URI.create("http://127.0.0.1:1/"),
            List.of(),
            new TlsSettings(List.of(), false),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2))) {
      IOException e =
          assertThrows(
              IOException.class, () -> transport.send(new HttpRequest("GET", "/", Map.of(), null)));
      assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }
  }
}
