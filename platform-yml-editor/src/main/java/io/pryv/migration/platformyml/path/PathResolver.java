package io.pryv.migration.platformyml.path;

import io.pryv.migration.common.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Walks a dotted path down a composed document; a missing part is bad input that lists what exists
 * there.
 */
public final class PathResolver {
  private static final int MAX_LISTED_KEYS = 30;

  private PathResolver() {}

  /** The nodes from the root (index 0) to the target (last), one per path segment plus the root. */
  public static List<Node> resolve(String fileName, Node root, YamlPath path) {
    List<Node> chain = new ArrayList<>();
    chain.add(root);
    Node node = root;
    for (int i = 0; i < path.size(); i++) {
      String segment = path.segments().get(i);
      node = child(fileName, node, path, i, segment);
      chain.add(node);
    }
    return chain;
  }

  /** The value under a mapping key, or null when the node is not a mapping or has no such key. */
  public static Node lookup(Node node, String key) {
    if (!(node instanceof MappingNode mapping)) {
      return null;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return tuple.getValueNode();
      }
    }
    return null;
  }

  /** The scalar keys of a mapping, in file order. */
  public static List<String> keys(MappingNode mapping) {
    List<String> keys = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar) {
        keys.add(scalar.getValue());
      }
    }
    return keys;
  }

  private static Node child(String fileName, Node node, YamlPath path, int index, String segment) {
    String where = index == 0 ? "the document root" : "'" + path.prefix(index) + "'";
    if (node instanceof MappingNode mapping) {
      List<Node> matches = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(segment)) {
          matches.add(tuple.getValueNode());
        }
      }
      if (matches.size() > 1) {
        throw ToolException.badInput(
            fileName
                + ": key '"
                + segment
                + "' appears "
                + matches.size()
                + " times under "
                + where
                + "; the file is ambiguous, fix it by hand");
      }
      if (matches.isEmpty()) {
        throw ToolException.badInput(
            fileName
                + ": path '"
                + path
                + "' not found: no key '"
                + segment
                + "' under "
                + where
                + " (line "
                + line(mapping)
                + "); keys there: "
                + listKeys(keys(mapping)));
      }
      return matches.get(0);
    }
    if (node instanceof SequenceNode sequence) {
      int item = parseIndex(segment);
      if (item < 0 || item >= sequence.getValue().size()) {
        throw ToolException.badInput(
            fileName
                + ": path '"
                + path
                + "' not found: "
                + where
                + " (line "
                + line(sequence)
                + ") is a list of "
                + sequence.getValue().size()
                + " items; '"
                + segment
                + "' is not an index 0.."
                + (sequence.getValue().size() - 1));
      }
      return sequence.getValue().get(item);
    }
    ScalarNode scalar = (ScalarNode) node;
    throw ToolException.badInput(
        fileName
            + ": path '"
            + path
            + "' not found: "
            + where
            + " (line "
            + line(scalar)
            + ") is a scalar ('"
            + abbreviate(scalar.getValue())
            + "'), it has no key '"
            + segment
            + "'");
  }

  private static int parseIndex(String segment) {
    if (!segment.matches("\\d{1,9}")) {
      return -1;
    }
    return Integer.parseInt(segment);
  }

  static String listKeys(List<String> keys) {
    if (keys.isEmpty()) {
      return "(none)";
    }
    String listed =
        keys.stream()
            .limit(MAX_LISTED_KEYS)
            .map(YamlPath::quoteIfNeeded)
            .collect(Collectors.joining(", "));
    return keys.size() > MAX_LISTED_KEYS ? listed + ", ... (" + keys.size() + " keys)" : listed;
  }

  public static int line(Node node) {
    return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
  }

  public static String abbreviate(String value) {
    String oneLine = value.replace("\n", "\\n");
    return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
  }
}
