package io.pryv.migration.nginx.rewriter.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Pryv site file, changed at random the ways real files differ (CRLF or LF per line, tabs for
 * indentation, comment lines and trailing comments, blocks joined onto one line): redirect
 * succeeds, status sees it, a second redirect changes nothing, and rollback gives back every byte.
 * Seeded, so a failure names its seed and repeats.
 */
class RedirectRollbackPropertyTest {
  private static final long SEED = Long.getLong("property.seed", 17L);
  private static final int TRIES_PER_LAYOUT = 20;
  private static final List<String> LAYOUTS =
      List.of(
          "cluster-core",
          "single-node",
          "pre-1.7-core-router-audit",
          "socketio-1",
          "cluster-static");
  private static final HostAndPort DEST = HostAndPort.parse("10.0.0.2", 443);

  @TempDir Path work;
  private final Rewriter rewriter = new Rewriter(Optional.empty());

  @Test
  void redirectThenRollbackGivesBackEveryByteOfEveryVariant() throws Exception {
    Random random = new Random(SEED);
    int redirected = 0;
    int joinedLines = 0;
    List<String> failures = new ArrayList<>();
    for (String layout : LAYOUTS) {
      String base = Marks.text(Fixtures.resource("pryv/" + layout + ".site-443.conf"));
      for (int i = 0; i < TRIES_PER_LAYOUT; i++) {
        long seed = random.nextLong();
        Variant variant = Variant.of(base, new Random(seed));
        joinedLines += variant.joined();
        String label = layout + " seed " + seed;
        try {
          if (check(variant.text(), label)) {
            redirected++;
          }
        } catch (AssertionError | RuntimeException e) {
          failures.add(label + ": " + e);
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(
          failures.size()
              + " variants failed (seed "
              + SEED
              + "):\n"
              + String.join("\n", failures));
    }
    assertEquals(LAYOUTS.size() * TRIES_PER_LAYOUT, redirected, "every variant is redirected");
    assertTrue(joinedLines > 50, "one-line blocks were exercised: " + joinedLines);
  }

  /**
   * True when redirected and rolled back exactly; a refusal must leave the file untouched (and
   * fails here).
   */
  private boolean check(String text, String label) throws Exception {
    Path site = work.resolve("site-443.conf");
    Files.deleteIfExists(work.resolve("site-443.conf.bak"));
    Files.write(site, Marks.bytes(text));
    try {
      assertTrue(
          rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()).changed(),
          label);
    } catch (ToolException e) {
      assertEquals(
          text, Marks.text(Files.readAllBytes(site)), label + ": a refusal changed the file");
      throw e;
    }
    String once = Marks.text(Files.readAllBytes(site));
    assertTrue(rewriter.status(site).redirected(), label + ": status");
    assertFalse(
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()).changed(),
        label + ": second run");
    assertEquals(once, Marks.text(Files.readAllBytes(site)), label);
    rewriter.rollback(site, false);
    assertEquals(text, Marks.text(Files.readAllBytes(site)), label + ": rollback");
    return true;
  }

  /** A site file changed the ways real files differ, and how many lines were joined. */
  record Variant(String text, int joined) {

    static Variant of(String base, Random random) {
      List<String> lines = new ArrayList<>(List.of(base.split("\n", -1)));
      int joined = 0;
      // Blocks and statements joined onto one line: `location / {` + `proxy_pass ...;` + `}`.
      for (int i = 0; i + 1 < lines.size(); i++) {
        String line = lines.get(i);
        String body = line.strip();
        String next = lines.get(i + 1).strip();
        boolean joinable =
            (body.endsWith("{") || body.endsWith(";"))
                && !line.contains("#")
                && !next.isEmpty()
                && !next.startsWith("#")
                && !next.contains("#");
        if (joinable && random.nextInt(3) == 0) {
          lines.set(i, line + " " + next);
          lines.remove(i + 1);
          joined++;
          i--;
        }
      }
      List<String> out = new ArrayList<>();
      for (String line : lines) {
        String body = line.strip();
        String indentation = line.substring(0, line.indexOf(body.isEmpty() ? line : body));
        if (random.nextInt(4) == 0 && !indentation.isEmpty()) {
          indentation = "\t".repeat(Math.max(1, indentation.length() / 2)); // tabs for spaces
        }
        if (random.nextInt(10) == 0) {
          out.add(indentation + "# a comment " + random.nextInt(100));
        }
        String trailing =
            body.endsWith(";") && !body.contains("#") && random.nextInt(6) == 0 ? "  # note" : "";
        out.add(body.isEmpty() ? line : indentation + body + trailing);
      }
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < out.size(); i++) {
        text.append(out.get(i));
        if (i < out.size() - 1) {
          text.append(random.nextBoolean() ? "\r\n" : "\n");
        }
      }
      return new Variant(text.toString(), joined);
    }
  }
}
