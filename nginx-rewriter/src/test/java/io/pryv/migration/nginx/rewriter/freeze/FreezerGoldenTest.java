package io.pryv.migration.nginx.rewriter.freeze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.rewriter.config.ConfigReader;
import io.pryv.migration.nginx.rewriter.redirect.Fixtures;
import io.pryv.migration.nginx.rewriter.redirect.Rewriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden tests of freeze on every Pryv site-443.conf layout (the current cluster core one is the
 * repository's examples/site-443.conf), a CRLF copy of it, the synthetic CRLF/tabs/include layout;
 * and freeze mixed with redirect in every order.
 */
class FreezerGoldenTest {
  private static final HostAndPort DEST = HostAndPort.parse("10.0.0.2", 443);

  @TempDir Path work;
  private final Freezer freezer = new Freezer(Optional.empty());
  private final Rewriter rewriter = new Rewriter(Optional.empty());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cluster-core",
        "single-node",
        "pre-1.7-core-router-audit",
        "socketio-1",
        "cluster-static"
      })
  void pryvLayoutFreezesAsGoldenIsIdempotentAndUnfreezesByteForByte(String layout)
      throws Exception {
    byte[] original = Fixtures.resource("pryv/" + layout + ".site-443.conf");
    Path site = Fixtures.copy("pryv/" + layout + ".site-443.conf", work, "site-443.conf");
    FreezeState before = freezer.state(site);
    assertFalse(before.frozen());
    assertFalse(before.servers().isEmpty());

    FreezeOutcome first = freezer.freeze(site, 60, false);
    assertTrue(first.changed());
    byte[] frozen = Files.readAllBytes(site);
    assertArrayEquals(Fixtures.golden("freeze/" + layout + ".freeze.expected", frozen), frozen);
    assertArrayEquals(original, Files.readAllBytes(work.resolve("site-443.conf.bak")));
    assertEquals(before.servers().size(), first.servers().size(), "every server block is frozen");
    assertOnlyWholeMarkedLinesAdded(original, frozen, 12 * before.servers().size());

    FreezeState state = freezer.state(site);
    assertTrue(state.frozen());
    assertEquals(60, state.retryAfter());
    assertEquals(state.servers().size(), state.frozenCount());

    Files.delete(work.resolve("site-443.conf.bak"));
    assertFalse(freezer.freeze(site, 60, false).changed());
    assertArrayEquals(frozen, Files.readAllBytes(site));
    assertFalse(
        Files.exists(work.resolve("site-443.conf.bak")),
        "a no-op run writes nothing, not even a backup");

    assertTrue(freezer.freeze(site, 300, false).changed());
    assertArrayEquals(
        new String(frozen, StandardCharsets.ISO_8859_1)
            .replace("Retry-After 60 always", "Retry-After 300 always")
            .replace("Retry in 60 ", "Retry in 300 ")
            .getBytes(StandardCharsets.ISO_8859_1),
        Files.readAllBytes(site));
    assertEquals(300, freezer.state(site).retryAfter());

    Files.delete(work.resolve("site-443.conf.bak"));
    assertTrue(freezer.unfreeze(site, false).changed());
    assertArrayEquals(original, Files.readAllBytes(site));
    assertFalse(freezer.state(site).frozen());
    assertFalse(freezer.unfreeze(site, false).changed());
  }

  @Test
  void examplesSiteIsTheCurrentClusterLayoutAndFreezesTheSame() throws Exception {
    byte[] examples = Files.readAllBytes(Path.of("../examples/site-443.conf"));
    Path site = work.resolve("site-443.conf");
    Files.write(site, examples);
    freezer.freeze(site, 60, false);
    assertArrayEquals(
        Fixtures.resource("golden/freeze/cluster-core.freeze.expected"),
        Files.readAllBytes(site),
        "examples/site-443.conf no longer matches the cluster-core fixture: add a golden file for it");
  }

  @Test
  void crlfCopyOfThePryvSiteStaysCrlfAndUnfreezesByteForByte() throws Exception {
    String lf =
        new String(
            Fixtures.resource("pryv/cluster-core.site-443.conf"), StandardCharsets.ISO_8859_1);
    byte[] crlf = lf.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    Path site = work.resolve("site-443.conf");
    Files.write(site, crlf);
    freezer.freeze(site, 60, false);
    String expected =
        new String(
                Fixtures.resource("golden/freeze/cluster-core.freeze.expected"),
                StandardCharsets.ISO_8859_1)
            .replace("\n", "\r\n");
    assertEquals(expected, Files.readString(site, StandardCharsets.ISO_8859_1));
    freezer.unfreeze(site, false);
    assertArrayEquals(crlf, Files.readAllBytes(site));
  }

  @Test
  void tabsCrlfAndIncludedFilesKeepTheirStyle() throws Exception {
    Path dir = Fixtures.copyFolder("golden/tabs-crlf-includes", work);
    byte[] site = Files.readAllBytes(dir.resolve("site.conf"));
    byte[] upstreams = Files.readAllBytes(dir.resolve("upstreams.conf"));
    FreezeOutcome outcome = freezer.freeze(dir.resolve("site.conf"), 120, false);
    assertEquals(1, outcome.servers().size());
    byte[] frozen = Files.readAllBytes(dir.resolve("site.conf"));
    assertArrayEquals(
        Fixtures.golden("freeze/tabs-crlf-includes.site.freeze.expected", frozen), frozen);
    String text = new String(frozen, StandardCharsets.ISO_8859_1);
    assertTrue(
        text.contains("\r\n\tif ($request_method !~ ^(GET|HEAD|OPTIONS)$)"),
        "tab indentation, CRLF");
    assertTrue(
        text.contains("\r\n\t\tadd_header Retry-After 120 always;" + FreezeMarks.FROZEN + "\r\n"));
    assertFalse(text.replace("\r\n", "").contains("\n"), "no bare LF added");
    assertArrayEquals(
        upstreams, Files.readAllBytes(dir.resolve("upstreams.conf")), "no server block there");
    freezer.unfreeze(dir.resolve("site.conf"), false);
    assertArrayEquals(site, Files.readAllBytes(dir.resolve("site.conf")));
  }

  /**
   * Every order of freeze/redirect and of their undos gives back the original, and each undo only
   * its own.
   */
  @ParameterizedTest
  @ValueSource(strings = {"cluster-core", "single-node", "cluster-static"})
  void freezeAndRedirectInEitherOrderUndoInEitherOrder(String layout) throws Exception {
    byte[] original = Fixtures.resource("pryv/" + layout + ".site-443.conf");
    boolean hasUpstreams = !rewriterStatusOf(original).upstreams().isEmpty();
    byte[] frozenOnly = apply(original, true, false);
    byte[] redirectedOnly = hasUpstreams ? apply(original, false, true) : original;
    for (boolean freezeFirst : new boolean[] {true, false}) {
      for (boolean unfreezeFirst : new boolean[] {true, false}) {
        String order =
            (freezeFirst ? "freeze, redirect" : "redirect, freeze")
                + ", then "
                + (unfreezeFirst ? "unfreeze, rollback" : "rollback, unfreeze");
        Path site = work.resolve(order.replaceAll("\\W+", "-") + ".conf");
        Files.write(site, original);
        if (freezeFirst) {
          freezer.freeze(site, 60, false);
        }
        if (hasUpstreams) {
          rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
        }
        if (!freezeFirst) {
          freezer.freeze(site, 60, false);
        }
        assertTrue(freezer.state(site).frozen(), order);
        assertEquals(hasUpstreams, rewriter.status(site).redirected(), order);
        assertNull(ConfigReader.read(site, true).errors().stream().findFirst().orElse(null), order);
        assertFalse(freezer.freeze(site, 60, false).changed(), order + ": freeze again is a no-op");
        if (hasUpstreams) {
          assertFalse(
              rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()).changed(),
              order + ": redirect again");
        }
        if (unfreezeFirst) {
          freezer.unfreeze(site, false);
          assertArrayEquals(
              redirectedOnly, Files.readAllBytes(site), order + ": unfreeze leaves the redirect");
          rewriter.rollback(site, false);
        } else {
          rewriter.rollback(site, false);
          assertArrayEquals(
              frozenOnly, Files.readAllBytes(site), order + ": rollback leaves the freeze");
          freezer.unfreeze(site, false);
        }
        assertArrayEquals(original, Files.readAllBytes(site), order);
      }
    }
  }

  @Test
  void refusesWhatItCannotFreezeExactlyAndLeavesTheFileAlone() throws Exception {
    Path shared = work.resolve("shared.conf");
    Files.writeString(shared, "server { listen 80;\n  location / { return 200; }\n}\n");
    ToolException sharedLine =
        assertThrows(ToolException.class, () -> freezer.freeze(shared, 60, false));
    assertEquals(ExitCode.BAD_INPUT, sharedLine.exitCode());
    assertTrue(sharedLine.getMessage().contains("shared.conf:1: "), sharedLine.getMessage());
    assertEquals(
        "server { listen 80;\n  location / { return 200; }\n}\n", Files.readString(shared));

    Path noServer = work.resolve("upstreams.conf");
    Files.writeString(noServer, "upstream a {\n  server a:1;\n}\n");
    ToolException none =
        assertThrows(ToolException.class, () -> freezer.freeze(noServer, 60, false));
    assertEquals(ExitCode.BAD_INPUT, none.exitCode());
    assertTrue(none.getMessage().contains("hold no http server block"), none.getMessage());

    Path broken = work.resolve("broken.conf");
    Files.writeString(broken, "server {\n  listen 80\n}\n");
    assertEquals(
        ExitCode.BAD_INPUT,
        assertThrows(ToolException.class, () -> freezer.freeze(broken, 60, false)).exitCode());
    assertEquals("server {\n  listen 80\n}\n", Files.readString(broken));
  }

  @Test
  void quotedServerAndBraceOnTheNextLineAfterAComment() throws Exception {
    Path odd = work.resolve("odd.conf");
    String text = "\"server\" # api\n{\n    listen 80;\n}\n";
    Files.writeString(odd, text);
    freezer.freeze(odd, 60, false);
    String frozen = Files.readString(odd);
    assertTrue(frozen.startsWith("\"server\" # api\n{\n    # writes paused"), frozen);
    assertTrue(
        frozen.contains("\n        add_header Retry-After 60 always;" + FreezeMarks.FROZEN + "\n"),
        frozen);
    assertTrue(freezer.state(odd).frozen());
    freezer.unfreeze(odd, false);
    assertEquals(text, Files.readString(odd));
  }

  @Test
  void refusesWhenAnIncludeGlobWouldLoadTheBackup() throws Exception {
    Files.createDirectories(work.resolve("sites-enabled"));
    Path main = work.resolve("nginx.conf");
    Files.writeString(main, "http {\n  include sites-enabled/*;\n}\n");
    Path site = work.resolve("sites-enabled/default");
    Files.writeString(site, "server {\n  listen 80;\n}\n");
    ToolException e = assertThrows(ToolException.class, () -> freezer.freeze(main, 60, false));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage().contains(":2: include sites-enabled/* would load the backup default.bak"),
        e.getMessage());
    assertEquals("server {\n  listen 80;\n}\n", Files.readString(site));
    assertFalse(Files.exists(work.resolve("sites-enabled/default.bak")));
    assertTrue(freezer.freeze(main, 60, true).changed(), "a dry run still shows the diff");
  }

  @Test
  void dryRunGivesTheDiffAndWritesNothing() throws Exception {
    byte[] original = Fixtures.resource("pryv/cluster-core.site-443.conf");
    Path site = Fixtures.copy("pryv/cluster-core.site-443.conf", work, "site-443.conf");
    FreezeOutcome dry = freezer.freeze(site, 60, true);
    assertTrue(dry.changed());
    assertTrue(
        dry.files()
            .get(0)
            .diff()
            .contains("\n+    return 503 '{\"error\":{\"id\":\"api-unavailable\""),
        dry.files().get(0).diff());
    assertArrayEquals(original, Files.readAllBytes(site));
    assertFalse(Files.exists(work.resolve("site-443.conf.bak")));
  }

  private byte[] apply(byte[] original, boolean freeze, boolean redirect) throws Exception {
    Path site = Files.createTempFile(work, "apply", ".conf");
    Files.write(site, original);
    if (freeze) {
      freezer.freeze(site, 60, false);
    }
    if (redirect) {
      rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    }
    return Files.readAllBytes(site);
  }

  private Rewriter.Status rewriterStatusOf(byte[] content) throws Exception {
    Path site = Files.createTempFile(work, "status", ".conf");
    Files.write(site, content);
    return rewriter.status(site);
  }

  /** The frozen file is the original plus whole lines, each ending with the freeze mark. */
  private static void assertOnlyWholeMarkedLinesAdded(
      byte[] original, byte[] frozen, int expectedLines) {
    List<String> before = new String(original, StandardCharsets.ISO_8859_1).lines().toList();
    List<String> after = new String(frozen, StandardCharsets.ISO_8859_1).lines().toList();
    List<String> added = after.stream().filter(l -> l.endsWith(FreezeMarks.FROZEN)).toList();
    assertEquals(expectedLines, added.size());
    assertEquals(before, after.stream().filter(l -> !l.endsWith(FreezeMarks.FROZEN)).toList());
  }

  @Test
  void aFileThatCannotBeWrittenPutsBackTheFilesAlreadyWritten() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "chattr +i needs root (CI runs as root)");
    Path main = work.resolve("site.conf");
    String mainText = "include other.conf;\nserver {\n  listen 80;\n}\n";
    Files.writeString(main, mainText);
    String otherText = "server {\n  listen 81;\n}\n";
    Path other = work.resolve("other.conf");
    Files.writeString(other, otherText);
    List<FreezeOutcome.FileChange> planned = freezer.freeze(main, 60, true).files();
    assertEquals(
        2, planned.stream().filter(FreezeOutcome.FileChange::changed).count(), "both files change");
    Path last = work.resolve(Path.of(planned.get(planned.size() - 1).file()).getFileName());
    // an immutable file cannot be replaced, even by root: the second write fails after the first
    // succeeded
    assertEquals(
        0, new ProcessBuilder("chattr", "+i", last.toString()).inheritIO().start().waitFor());
    try {
      assertThrows(ToolException.class, () -> freezer.freeze(main, 60, false));
    } finally {
      new ProcessBuilder("chattr", "-i", last.toString()).inheritIO().start().waitFor();
    }
    assertEquals(mainText, Files.readString(main));
    assertEquals(otherText, Files.readString(other));
    assertFalse(freezer.state(main).frozen());
  }
}
