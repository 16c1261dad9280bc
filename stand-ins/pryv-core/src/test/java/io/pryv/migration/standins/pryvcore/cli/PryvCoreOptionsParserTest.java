package io.pryv.migration.standins.pryvcore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.standins.pryvcore.FakePryvServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PryvCoreOptionsParserTest {

  @Test
  void defaultsPlayAPryvV2CoreOnPort3000InMemory() {
    PryvCoreOptions options = PryvCoreOptionsParser.parse(new String[0]);
    assertEquals(Optional.empty(), options.data());
    assertEquals("0.0.0.0", options.listen().getHostString());
    assertEquals(3000, options.listen().getPort());
    assertEquals(FakePryvServer.Version.V2, options.version());
    assertEquals(Duration.ofSeconds(10), options.seriesCoolDown());
  }

  @Test
  void eachOption() {
    PryvCoreOptions options =
        PryvCoreOptionsParser.parse(
            new String[] {
              "--data",
              "/app/data",
              "--listen",
              "127.0.0.1:3001",
              "--api-version",
              "v1",
              "--series-cool-down",
              "0.5",
              "--public-url",
              "https://core1.example.com/"
            });
    assertEquals(Optional.of(Path.of("/app/data")), options.data());
    assertEquals("127.0.0.1", options.listen().getHostString());
    assertEquals(3001, options.listen().getPort());
    assertEquals(FakePryvServer.Version.V1, options.version());
    assertEquals(Duration.ofMillis(500), options.seriesCoolDown());
    assertEquals(Optional.of("https://core1.example.com/"), options.publicUrl());
  }

  @Test
  void badValuesAreUsageErrorsNamingTheOption() {
    for (String[] args :
        new String[][] {
          {"--listen", "127.0.0.1"},
          {"--listen", "1.2.3.4; x:1"},
          {"--api-version", "v3"},
          {"--series-cool-down", "-1"},
          {"--public-url", "ftp://x/"},
          {"extra"},
          {"--nope"}
        }) {
      ToolException e =
          assertThrows(
              ToolException.class, () -> PryvCoreOptionsParser.parse(args), String.join(" ", args));
      assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
    }
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> PryvCoreOptionsParser.parse(new String[] {"--api-version", "v3"}));
    assertTrue(e.getMessage().contains("--api-version"), e.getMessage());
  }
}
