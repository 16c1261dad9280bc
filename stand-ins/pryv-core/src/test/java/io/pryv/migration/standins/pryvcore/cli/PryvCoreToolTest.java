package io.pryv.migration.standins.pryvcore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The program's answers before it serves: help, usage errors (2) and a port it cannot take (4), one
 * line each.
 */
class PryvCoreToolTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new PryvCoreTool(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheOptions() {
    Run help = run("--help");
    assertEquals(0, help.exit());
    for (String option :
        new String[] {
          "--data", "--listen", "--api-version", "--series-cool-down", "--public-url"
        }) {
      assertTrue(help.out().contains(option), help.out());
    }
  }

  @Test
  void aUsageErrorIsOneLineAndExit2() {
    Run bad = run("--listen", "127.0.0.1");
    assertEquals(2, bad.exit());
    assertEquals(
        "pryv-core-stand-in: error: --listen: expected HOST:PORT, got 127.0.0.1\n", bad.err());
  }

  @Test
  void aPortInUseIsAnEnvironmentFailure() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Run busy = run("--listen", "127.0.0.1:" + taken.getLocalPort());
      assertEquals(4, busy.exit(), busy.err());
      assertTrue(
          busy.err()
              .startsWith(
                  "pryv-core-stand-in: error: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          busy.err());
    }
  }
}
