package io.pryv.migration.verify.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.verify.fake.FakeCores;
import io.pryv.migration.verify.http.ResolveRule;
import io.pryv.migration.verify.http.TlsSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiConnectorTest {

  @Test
  void everyAccountOfATemplateSharesOneConnectionPool() {
    try (FakePryvServer core = FakeCores.start(FakePryvServer.Version.V2)) {
      int port = core.port();
      List<ResolveRule> resolve =
          List.of(
              ResolveRule.parse("alice.pryv.test:" + port + ":127.0.0.1"),
              ResolveRule.parse("bob.pryv.test:" + port + ":127.0.0.1"));
      try (ApiConnector connector =
          new ApiConnector(
              "http://{username}.pryv.test:" + port + "/",
              resolve,
              new TlsSettings(List.of(), false),
              new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> {}),
              Duration.ofSeconds(10))) {
        PryvApi alice = connector.account("alice", "t");
        PryvApi bob = connector.account("bob", "t");
        assertNotSame(alice.transport(), bob.transport(), "two origins");
        assertSame(alice.transport().pool(), bob.transport().pool(), "one pool for the run");
        assertSame(alice.transport().pool(), connector.root().transport().pool());
        assertEquals(200, status(alice));
        assertEquals(200, status(bob));
        assertEquals(200, status(alice));
        assertEquals(
            2,
            alice.transport().pool().openConnections(),
            "one kept-alive connection per origin, both in the run's pool, the first reused");
      }
    }
  }

  private static int status(PryvApi api) {
    return api.get(
        "",
        new Query(),
        (body, response) -> {
          body.readAllBytes();
          return response.status();
        });
  }
}
