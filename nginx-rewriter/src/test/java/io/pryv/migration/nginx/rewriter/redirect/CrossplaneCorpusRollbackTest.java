package io.pryv.migration.nginx.rewriter.redirect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.rewriter.config.ConfigReader;
import io.pryv.migration.nginx.rewriter.config.Node;
import io.pryv.migration.nginx.rewriter.config.ParsedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config of crossplane's own test corpus (Python and Go), odd syntax included: a redirect
 * either works and rolls back to the same bytes, or is refused and leaves every file as it was; and
 * the mechanism under it (comment out a directive's lines, add a line) rolls back exactly for every
 * directive that has its lines to itself, while the marked text still parses with exactly those
 * directives replaced.
 */
class CrossplaneCorpusRollbackTest {
  @TempDir Path work;

  @Test
  void redirectThenRollbackGivesBackEveryByteOrTouchesNothing() throws Exception {
    Path corpus = Fixtures.copyFolder("crossplane", work);
    Rewriter rewriter = new Rewriter(Optional.empty());
    int redirected = 0;
    int refused = 0;
    for (Path config : configs(corpus)) {
      Map<String, byte[]> before = Fixtures.snapshot(corpus);
      try {
        rewriter.redirect(
            config, HostAndPort.parse("10.9.8.7", 443), Optional.empty(), false, Optional.empty());
        redirected++;
        assertTrue(rewriter.status(config).redirected(), config.toString());
        rewriter.rollback(config, false);
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
            + redirected
            + " configs redirected and rolled back, "
            + refused
            + " refused untouched");
    assertTrue(redirected >= 5, "configs with upstreams redirected: " + redirected);
    assertTrue(refused >= 50, "configs refused (no upstream, parse errors): " + refused);
  }

  @Test
  void markingEveryDirectiveThatOwnsItsLinesRollsBackExactly() throws Exception {
    Path corpus = Fixtures.copyFolder("crossplane", work);
    int files = 0;
    int marked = 0;
    for (Path config : configs(corpus)) {
      byte[] bytes = Files.readAllBytes(config);
      ParsedTree tree = ConfigReader.readText(config.toString(), bytes);
      if (!tree.errors().isEmpty()) {
        continue;
      }
      String text = Marks.text(bytes);
      TextEdits edits = new TextEdits();
      List<Node> leaves = new ArrayList<>();
      RedirectPlanner.walk(
          tree.files().get(0).nodes(),
          new ArrayList<>(),
          (node, ancestors) -> {
            if (node.block().isEmpty() && LineSpan.of(text, node.start(), node.end()).isPresent()) {
              leaves.add(node);
            }
          });
      for (Node leaf : leaves) {
        LineSpan lines = LineSpan.of(text, leaf.start(), leaf.end()).orElseThrow();
        edits.insert(
            lines.firstLineStart(),
            lines.indentation() + "rewriter_probe;" + Marks.ADDED + lines.lineEnding());
        for (int start : lines.lineStarts()) {
          edits.insert(Marks.indentationEnd(text, start), Marks.WAS);
        }
      }
      String markedText = edits.applyTo(text);
      assertEquals(text, Marks.original(markedText), config.toString());
      ParsedTree reparsed = ConfigReader.readText(config.toString(), Marks.bytes(markedText));
      assertEquals(List.of(), reparsed.errors(), config.toString());
      assertEquals(
          count(tree.files().get(0).nodes(), null),
          count(reparsed.files().get(0).nodes(), null),
          config.toString());
      assertEquals(
          leaves.size(),
          count(reparsed.files().get(0).nodes(), "rewriter_probe"),
          config.toString());
      files++;
      marked += leaves.size();
    }
    System.out.println(
        "crossplane corpus: " + marked + " directives in " + files + " files marked and restored");
    assertTrue(files >= 60 && marked >= 300, files + " files, " + marked + " directives");
  }

  private static int count(List<Node> nodes, String name) {
    int[] count = {0};
    RedirectPlanner.walk(
        nodes,
        new ArrayList<>(),
        (node, ancestors) -> {
          if (name == null || node.name().equals(name)) {
            count[0]++;
          }
        });
    return count[0];
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
