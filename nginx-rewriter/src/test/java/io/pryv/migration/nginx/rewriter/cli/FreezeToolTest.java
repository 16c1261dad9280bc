package io.pryv.migration.nginx.rewriter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.JsonOutput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * freeze, unfreeze and the freeze part of status, end to end in the JVM: exit codes, text, JSON,
 * files.
 */
class FreezeToolTest {
  @TempDir Path work;
  private Path site;
  private byte[] original;

  @BeforeEach
  void copySite() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/pryv/cluster-core.site-443.conf")) {
      original = in.readAllBytes();
    }
    site = work.resolve("site-443.conf");
    Files.write(site, original);
  }

  @Test
  void freezeStatusUnfreezeRoundTripWithTheirExitCodes() throws Exception {
    ToolRun notFrozen = run("status", site.toString());
    assertEquals(1, notFrozen.code());
    assertTrue(notFrozen.out().contains(site + ": not frozen (1 server block)"), notFrozen.out());

    ToolRun freeze = run("freeze", site.toString(), "--retry-after", "90");
    assertEquals(0, freeze.code(), freeze.err());
    assertTrue(
        freeze.out().startsWith("froze " + site + " (backup: " + site + ".bak)"), freeze.out());
    assertTrue(freeze.out().contains("  server block at " + site + ":43"), freeze.out());
    assertTrue(freeze.out().contains("undo with: nginx-rewriter unfreeze " + site), freeze.out());

    ToolRun again = run("freeze", site.toString(), "--retry-after", "90");
    assertEquals(0, again.code());
    assertTrue(
        again.out().startsWith(site + " is already frozen with Retry-After 90: nothing to do"),
        again.out());

    ToolRun frozen = run("status", site.toString());
    assertEquals(
        1, frozen.code(), "status exits for the redirect: a frozen, not redirected file is 1");
    assertTrue(
        frozen
            .out()
            .contains(site + ": frozen: writes get 503 with Retry-After 90 (1 of 1 server block)"),
        frozen.out());
    run("redirect", site.toString(), "--to", "10.0.0.2");
    assertEquals(
        0, run("status", site.toString()).code(), "frozen and redirected: 0, as for any redirect");

    JsonNode json = JsonOutput.mapper().readTree(run("status", site.toString(), "--json").out());
    assertTrue(json.path("redirected").asBoolean());
    assertTrue(json.path("frozen").asBoolean());
    assertEquals(90, json.path("freeze").path("retryAfter").asInt());
    assertEquals(1, json.path("freeze").path("servers").size());

    assertEquals(0, run("rollback", site.toString()).code());
    ToolRun unfreeze = run("unfreeze", site.toString());
    assertEquals(0, unfreeze.code(), unfreeze.err());
    assertTrue(
        unfreeze.out().startsWith("unfroze " + site + ": writes pass again"), unfreeze.out());
    assertArrayEquals(original, Files.readAllBytes(site));
    ToolRun nothing = run("unfreeze", site.toString());
    assertEquals(0, nothing.code());
    assertTrue(nothing.out().startsWith(site + " holds no freeze: nothing to do"), nothing.out());
  }

  @Test
  void dryRunPrintsTheDiffAndJsonReportsTheSameFacts() throws Exception {
    ToolRun dry = run("freeze", site.toString(), "--dry-run");
    assertEquals(0, dry.code());
    assertTrue(dry.out().startsWith("--- " + site + "\n+++ " + site + "\n@@ "), dry.out());
    assertTrue(
        dry.out().contains("\n+  if ($request_method !~ ^(GET|HEAD|OPTIONS)$) {"), dry.out());
    assertTrue(dry.out().contains("dry run, nothing written: would freeze " + site), dry.out());
    assertArrayEquals(original, Files.readAllBytes(site));

    JsonNode json = JsonOutput.mapper().readTree(run("freeze", site.toString(), "--json").out());
    assertEquals("freeze", json.path("command").asText());
    assertTrue(json.path("changed").asBoolean());
    assertEquals(60, json.path("retryAfter").asInt());
    assertEquals(site + ":43", json.path("servers").path(0).asText());
    assertEquals(site + ".bak", json.path("files").path(0).path("backup").asText());
  }

  @Test
  void errorsAreOneLineWithTheirExitCodeAndTheFileUntouched() throws Exception {
    ToolRun usage = run("freeze", site.toString(), "--retry-after", "soon");
    assertEquals(2, usage.code());
    assertEquals(
        "nginx-rewriter: error: --retry-after takes a whole number, not 'soon'\n", usage.err());

    Path shared = work.resolve("shared.conf");
    Files.writeString(shared, "server { listen 80;\n}\n");
    ToolRun refused = run("freeze", shared.toString());
    assertEquals(3, refused.code());
    assertTrue(
        refused
            .err()
            .startsWith("nginx-rewriter: error: " + shared + ":1: this server block's \"{\""),
        refused.err());
    assertEquals(1, refused.err().lines().count());

    ToolRun missing = run("unfreeze", work.resolve("nope.conf").toString());
    assertEquals(3, missing.code());
    assertArrayEquals(original, Files.readAllBytes(site));

    ToolRun help = run("--help");
    assertTrue(
        help.out().contains("freeze FILE") && help.out().contains("unfreeze FILE"), help.out());
    assertTrue(run("freeze", "--help").out().contains("--retry-after <SECONDS>"));
  }

  private static ToolRun run(String... args) {
    return ToolRun.of(args);
  }
}
