package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.standins.pryvcore.FakePryvServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code health --wait}: a core whose containers were just started does not answer for a while; the
 * probes run again until it does, and only then say whether it is healthy.
 */
class HealthWaitTest {

  @Test
  void waitsForACoreThatStartsListeningLater() throws Exception {
    int port = freePort();
    ExecutorService later = Executors.newSingleThreadExecutor();
    Future<FakePryvServer> core =
        later.submit(
            () -> {
              Thread.sleep(1500);
              return FakePryvServer.http("127.0.0.1", port);
            });
    try {
      ToolRun run =
          ToolRun.run(
              Map.of(), "health", "--api", "http://127.0.0.1:" + port + "/", "--wait", "60s");
      assertEquals(0, run.exit(), run.toString());
      assertTrue(run.err().contains("the API root does not answer yet"), run.toString());
      assertTrue(
          run.out().matches("(?s).*health: ok \\(after waiting \\d+\\.\\d s\\)\\n"),
          run.toString());
    } finally {
      core.get().close();
      later.shutdown();
    }
  }

  @Test
  void withoutWaitACoreThatDoesNotAnswerFailsAtOnce() throws IOException {
    ToolRun run = ToolRun.run(Map.of(), "health", "--api", "http://127.0.0.1:" + freePort() + "/");
    assertEquals(1, run.exit(), run.toString());
    assertFalse(run.err().contains("does not answer yet"), run.toString());
    assertTrue(run.out().contains("FAIL  api root"), run.toString());
    assertTrue(run.out().endsWith("health: FAILED\n"), run.toString());
  }

  @Test
  void theWaitEndsWithTheFailureWhenTheCoreNeverAnswers() throws IOException {
    ToolRun run =
        ToolRun.run(
            Map.of(), "health", "--api", "http://127.0.0.1:" + freePort() + "/", "--wait", "1s");
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("FAIL  api root"), run.toString());
    assertTrue(
        run.out().matches("(?s).*health: FAILED \\(after waiting 1\\.\\d s\\)\\n"), run.toString());
  }

  @Test
  void aCoreThatAnswersButIsUnhealthyIsNotWaitedFor() throws Exception {
    try (FakePryvServer core = FakePryvServer.http("127.0.0.1", 0)) {
      // service info lives elsewhere: a final failure, not a core still starting
      ToolRun run =
          ToolRun.run(Map.of(), "health", "--api", core.baseUrl() + "prefix/", "--wait", "60s");
      assertEquals(1, run.exit(), run.toString());
      assertTrue(run.out().contains("FAIL  service info"), run.toString());
      assertTrue(run.out().endsWith("health: FAILED\n"), run.toString());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
