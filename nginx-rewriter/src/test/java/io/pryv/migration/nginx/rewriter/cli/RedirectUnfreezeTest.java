package io.pryv.migration.nginx.rewriter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * redirect --unfreeze end to end in the JVM: one write that lifts the freeze and redirects, byte
 * for byte what unfreeze then redirect give; a plain redirect (and said so) on a file that is not
 * frozen; nothing to do on a re-run.
 */
class RedirectUnfreezeTest {
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
  void oneWriteLiftsTheFreezeAndRedirectsAsUnfreezeThenRedirectWould() throws Exception {
    assertEquals(0, run("freeze", site.toString(), "--retry-after", "90").code());
    Path twoCalls = Files.copy(site, work.resolve("two-calls.conf"));
    assertEquals(0, run("unfreeze", twoCalls.toString()).code());
    assertEquals(0, run("redirect", twoCalls.toString(), "--to", "10.0.0.2").code());

    ToolRun combined = run("redirect", site.toString(), "--to", "10.0.0.2", "--unfreeze");
    assertEquals(0, combined.code(), combined.err());
    assertArrayEquals(Files.readAllBytes(twoCalls), Files.readAllBytes(site));
    assertTrue(
        combined
            .out()
            .startsWith(
                "redirected "
                    + site
                    + " to 10.0.0.2:443 (backup: "
                    + site
                    + ".bak)\nfreeze lifted in the same write: writes pass again ("
                    + site
                    + ")\n"),
        combined.out());
    // the backup is the frozen file: one write, nothing in between
    assertTrue(
        Files.readString(work.resolve("site-443.conf.bak")).contains("nginx-rewriter:frozen"));

    ToolRun status = run("status", site.toString());
    assertEquals(0, status.code());
    assertTrue(status.out().contains(site + ": not frozen (1 server block)"), status.out());
    assertEquals(0, run("rollback", site.toString()).code());
    assertArrayEquals(original, Files.readAllBytes(site));
  }

  @Test
  void onAFileThatIsNotFrozenItIsAPlainRedirectAndSaysSo() throws Exception {
    Path plain = Files.copy(site, work.resolve("plain.conf"));
    assertEquals(0, run("redirect", plain.toString(), "--to", "10.0.0.2").code());

    ToolRun run = run("redirect", site.toString(), "--to", "10.0.0.2", "--unfreeze");
    assertEquals(0, run.code(), run.err());
    assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(site));
    assertTrue(
        run.out()
            .contains("\n" + site + " was not frozen: a plain redirect, nothing to unfreeze\n"),
        run.out());

    ToolRun again = run("redirect", site.toString(), "--to", "10.0.0.2", "--unfreeze");
    assertEquals(0, again.code(), again.err());
    assertTrue(
        again
            .out()
            .startsWith(
                site
                    + " is already redirected to 10.0.0.2:443: nothing to do\n"
                    + site
                    + " was not frozen: a plain redirect, nothing to unfreeze\n"),
        again.out());
    assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(site));
  }

  @Test
  void aFileFrozenAfterItsRedirectIsOnlyUnfrozen() throws Exception {
    assertEquals(0, run("redirect", site.toString(), "--to", "10.0.0.2").code());
    byte[] redirected = Files.readAllBytes(site);
    assertEquals(0, run("freeze", site.toString()).code());

    ToolRun run = run("redirect", site.toString(), "--to", "10.0.0.2", "--unfreeze");
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out()
            .startsWith(
                "unfroze "
                    + site
                    + ", already redirected to 10.0.0.2:443 (backup: "
                    + site
                    + ".bak)\n"),
        run.out());
    assertArrayEquals(redirected, Files.readAllBytes(site));
  }

  @Test
  void dryRunShowsTheCombinedDiffAndWritesNothing() throws Exception {
    assertEquals(0, run("freeze", site.toString()).code());
    byte[] frozen = Files.readAllBytes(site);

    ToolRun dry = run("redirect", site.toString(), "--to", "10.0.0.2", "--unfreeze", "--dry-run");
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().startsWith("--- " + site + "\n+++ " + site + "\n@@ "), dry.out());
    assertTrue(
        dry.out().contains("\n-  if ($request_method !~ ^(GET|HEAD|OPTIONS)$) {"), dry.out());
    assertTrue(dry.out().contains("\n+  server 10.0.0.2:443; #[nginx-rewriter:added]"), dry.out());
    assertTrue(
        dry.out()
            .contains(
                "dry run, nothing written: would redirect "
                    + site
                    + " to 10.0.0.2:443\nthe freeze would be lifted in the same write"),
        dry.out());
    assertArrayEquals(frozen, Files.readAllBytes(site));
    assertArrayEquals(original, Files.readAllBytes(work.resolve("site-443.conf.bak")));
  }

  @Test
  void jsonSaysWhatTheUnfreezeFoundAndAPlainRedirectsJsonIsUnchanged() throws Exception {
    assertEquals(0, run("freeze", site.toString()).code());
    Path copy = Files.copy(site, work.resolve("copy.conf"));

    JsonNode combined =
        JsonOutput.mapper()
            .readTree(
                run("redirect", site.toString(), "--to", "10.0.0.2", "--unfreeze", "--json").out());
    assertTrue(combined.path("changed").asBoolean());
    assertTrue(combined.path("unfreeze").path("wasFrozen").asBoolean());
    assertEquals(site.toString(), combined.path("unfreeze").path("files").path(0).asText());
    assertFalse(combined.path("unfreeze").path("alreadyRedirected").asBoolean());

    JsonNode plain =
        JsonOutput.mapper()
            .readTree(run("redirect", copy.toString(), "--to", "10.0.0.2", "--json").out());
    assertFalse(plain.has("unfreeze"), plain.toString());
  }

  private static ToolRun run(String... args) {
    return ToolRun.of(args);
  }
}
