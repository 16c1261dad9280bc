package io.pryv.migration.nginx.rewriter.freeze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.rewriter.redirect.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config of crossplane's own test corpus (Python and Go), odd syntax included: a freeze
 * either works (every server block frozen, a second run a no-op) and unfreezes to the same bytes in
 * every file, or is refused and leaves every file as it was.
 */
class CrossplaneCorpusFreezeTest {
  @TempDir Path work;

  @Test
  void freezeThenUnfreezeGivesBackEveryByteOrTouchesNothing() throws Exception {
    Path corpus = Fixtures.copyFolder("crossplane", work);
    Freezer freezer = new Freezer(Optional.empty());
    int frozen = 0;
    int refused = 0;
    for (Path config : configs(corpus)) {
      Map<String, byte[]> before = Fixtures.snapshot(corpus);
      try {
        FreezeOutcome outcome = freezer.freeze(config, 60, false);
        frozen++;
        FreezeState state = freezer.state(config);
        assertEquals(state.servers().size(), state.frozenCount(), config.toString());
        assertEquals(outcome.servers().size(), state.servers().size(), config.toString());
        assertFalse(freezer.freeze(config, 60, false).changed(), config + ": second run");
        freezer.unfreeze(config, false);
      } catch (ToolException e) {
        assertEquals(ExitCode.BAD_INPUT, e.exitCode(), config + ": " + e.getMessage());
        refused++;
      }
      deleteBackups(corpus);
      Map<String, byte[]> after = Fixtures.snapshot(corpus);
      assertEquals(before.keySet(), after.keySet(), config.toString());
      for (String name : before.keySet()) {
        assertArrayEquals(before.get(name), after.get(name), config + " changed " + name);
      }
    }
    System.out.println(
        "crossplane corpus: "
            + frozen
            + " configs frozen and unfrozen, "
            + refused
            + " refused untouched");
    assertTrue(frozen >= 20, "configs with server blocks frozen: " + frozen);
  }

  private static List<Path> configs(Path corpus) throws Exception {
    try (Stream<Path> paths = Files.walk(corpus)) {
      return paths
          .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".conf"))
          .sorted()
          .toList();
    }
  }

  private static void deleteBackups(Path corpus) throws Exception {
    try (Stream<Path> paths = Files.walk(corpus)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".bak")).toList()) {
        Files.delete(path);
      }
    }
  }
}
