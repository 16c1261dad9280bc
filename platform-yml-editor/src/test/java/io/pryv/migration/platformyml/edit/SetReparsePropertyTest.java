package io.pryv.migration.platformyml.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.path.YamlPath;
import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Every Pryv platform.yml, changed at random the ways real files differ (CRLF or LF, tabs as
 * separation space, trailing comments): any scalar set to any value re-parses to the same tree with
 * only that path changed, checked here by a plain walk of both trees (not the editor's own
 * comparison). Seeded, so a failure names its seed.
 */
class SetReparsePropertyTest {
  private static final long SEED = Long.getLong("property.seed", 17L);
  private static final int TRIES_PER_FILE = 25;
  private static final List<String> FILES =
      List.of(
          "admin-panel-save.yml",
          "config-leader-1.6.0-template.yml",
          "config-leader-1.9.0-template.yml",
          "current-cluster.yml",
          "flat-vars.yml",
          "single-node-current-no-cores.yml",
          "single-node-flat.yml",
          "trailing-space.yml",
          "transitional-no-settings.yml");
  private static final List<String> VALUES =
      List.of(
          "10.0.0.5",
          "2001:db8::5",
          "co1.example.com",
          "two words",
          "x: y # z",
          "multi\nline",
          "",
          "123",
          "yes",
          "null",
          "it's \"q\"",
          "- dash",
          "[flow]",
          "é ü",
          "#hash",
          "trailing\n",
          " lead");

  @Test
  void setThenReparseChangesOnlyThatPath() throws IOException {
    Random random = new Random(SEED);
    int edited = 0;
    int refused = 0;
    List<String> failures = new ArrayList<>();
    for (String name : FILES) {
      String base = resource(name);
      for (int i = 0; i < TRIES_PER_FILE; i++) {
        long seed = random.nextLong();
        Random local = new Random(seed);
        String variant = variant(base, local);
        YamlText source = YamlText.of(name, variant.getBytes(StandardCharsets.UTF_8));
        Node root;
        try {
          root = YamlLoader.compose(source);
        } catch (ToolException e) {
          failures.add(name + " seed " + seed + ": the variant does not load: " + e.getMessage());
          continue;
        }
        List<YamlPath> paths = new ArrayList<>();
        scalarPaths(root, new ArrayList<>(), paths, new IdentityHashMap<>());
        YamlPath path = paths.get(local.nextInt(paths.size()));
        String value = VALUES.get(local.nextInt(VALUES.size()));
        String label = name + " seed " + seed + " " + path + " := " + value.replace("\n", "\\n");
        try {
          ScalarEditor.Result result =
              Edits.edit(source, new ScalarEditor.Request(path, value, Optional.empty(), true));
          Node after = YamlLoader.compose(YamlText.of(name, result.after()));
          assertEquals(flatten(root, path), flatten(after, path), label + ": the rest of the tree");
          assertEquals(value, ((ScalarNode) at(after, path)).getValue(), label + ": the new value");
          edited++;
        } catch (ToolException e) {
          // The editor may refuse (a key without a written value): never with a broken file, never
          // silently.
          if (e.exitCode() != ExitCode.BAD_INPUT || !e.getMessage().contains("no value written")) {
            failures.add(label + ": " + e.getMessage());
          }
          refused++;
        } catch (AssertionError | RuntimeException e) {
          failures.add(label + ": " + e);
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " edits failed (seed " + SEED + "):\n" + String.join("\n", failures));
    }
    assertTrue(
        edited > FILES.size() * TRIES_PER_FILE * 9 / 10,
        "edited " + edited + ", refused " + refused);
  }

  /** CRLF or LF, a tab instead of the space after some "key:", a trailing comment on some lines. */
  private static String variant(String base, Random random) {
    String lineBreak = random.nextBoolean() ? "\r\n" : "\n";
    StringBuilder out = new StringBuilder();
    String[] lines = base.replace("\r\n", "\n").split("\n", -1);
    boolean inBlockScalar = false;
    int blockIndent = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int indent = line.length() - line.stripLeading().length();
      if (inBlockScalar && !line.isBlank() && indent <= blockIndent) {
        inBlockScalar = false;
      }
      String body = line.strip();
      if (!inBlockScalar && !body.startsWith("#") && !line.contains("'") && !line.contains("\"")) {
        if (random.nextInt(4) == 0) {
          line = line.replaceFirst(": ", ":\t");
        }
        if (random.nextInt(5) == 0
            && !body.isEmpty()
            && !body.endsWith("|")
            && !body.endsWith(">")
            && !body.endsWith("|-")
            && !body.endsWith(">-")
            && !line.contains("#")) {
          line = line + " # note";
        }
      }
      if (body.matches(".*[|>][-+]?$")) {
        inBlockScalar = true;
        blockIndent = indent;
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append(lineBreak);
      }
    }
    return out.toString();
  }

  /** Every path from the root to a scalar value, through scalar keys and list indexes. */
  private static void scalarPaths(
      Node node, List<String> prefix, List<YamlPath> out, Map<Node, Boolean> seen) {
    if (node instanceof ScalarNode) {
      if (!prefix.isEmpty()) {
        out.add(new YamlPath(List.copyOf(prefix)));
      }
      return;
    }
    if (seen.put(node, Boolean.TRUE) != null) {
      return;
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && !key.getValue().contains("\n")) {
          prefix.add(key.getValue());
          scalarPaths(tuple.getValueNode(), prefix, out, seen);
          prefix.remove(prefix.size() - 1);
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      for (int i = 0; i < sequence.getValue().size(); i++) {
        prefix.add(Integer.toString(i));
        scalarPaths(sequence.getValue().get(i), prefix, out, seen);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  /** The tree as text: each scalar with its path and tag, except the one at skip. */
  private static List<String> flatten(Node root, YamlPath skip) {
    List<String> out = new ArrayList<>();
    flatten(root, new ArrayList<>(), skip.segments(), out, 0);
    return out;
  }

  private static void flatten(
      Node node, List<String> path, List<String> skip, List<String> out, int depth) {
    if (depth > 50) {
      out.add(path + " ...");
      return;
    }
    if (node instanceof ScalarNode scalar) {
      out.add(
          path
              + " "
              + (path.equals(skip)
                  ? "<edited>"
                  : node.getTag().getValue() + " " + scalar.getValue()));
    } else if (node instanceof MappingNode mapping) {
      out.add(path + " {" + mapping.getValue().size());
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "<complex key>";
        path.add(key);
        flatten(tuple.getValueNode(), path, skip, out, depth + 1);
        path.remove(path.size() - 1);
      }
    } else if (node instanceof SequenceNode sequence) {
      out.add(path + " [" + sequence.getValue().size());
      for (int i = 0; i < sequence.getValue().size(); i++) {
        path.add(Integer.toString(i));
        flatten(sequence.getValue().get(i), path, skip, out, depth + 1);
        path.remove(path.size() - 1);
      }
    }
  }

  private static Node at(Node root, YamlPath path) {
    Node node = root;
    for (String segment : path.segments()) {
      if (node instanceof SequenceNode sequence) {
        node = sequence.getValue().get(Integer.parseInt(segment));
      } else {
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
            node = tuple.getValueNode();
            break;
          }
        }
      }
    }
    return node;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SetReparsePropertyTest.class.getResourceAsStream("/pryv/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
