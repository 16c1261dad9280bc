package io.pryv.migration.platformyml.edit;

import io.pryv.migration.platformyml.path.YamlPath;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Proves that two composed documents are the same tree except at one scalar: same node kinds, tags,
 * keys, values and order everywhere, the same sharing through aliases (a one-to-one pairing of
 * nodes), and at the target the new value with the old tag or {@code str}. Style, comments and
 * layout are not part of the tree.
 */
public final class TreeComparison {
  private final Node oldTarget;
  private final String newValue;
  private final Map<Node, Node> pairs = new IdentityHashMap<>();
  private final Map<Node, Node> reversePairs = new IdentityHashMap<>();
  private boolean targetSeen;

  private TreeComparison(Node oldTarget, String newValue) {
    this.oldTarget = oldTarget;
    this.newValue = newValue;
  }

  /** Empty when the trees match, else the first difference (path and what differs). */
  public static Optional<String> difference(
      Node oldRoot, Node newRoot, ScalarNode oldTarget, String newValue) {
    TreeComparison comparison = new TreeComparison(oldTarget, newValue);
    Optional<String> found = comparison.compare(oldRoot, newRoot, new YamlPath(List.of()));
    if (found.isEmpty() && oldTarget != null && !comparison.targetSeen) {
      return Optional.of("the edited scalar is no longer in the document");
    }
    return found;
  }

  private Optional<String> compare(Node a, Node b, YamlPath path) {
    Node paired = pairs.get(a);
    if (paired != null || reversePairs.containsKey(b)) {
      return paired == b
          ? Optional.empty()
          : differ(path, "the anchors/aliases no longer share the same nodes");
    }
    pairs.put(a, b);
    reversePairs.put(b, a);
    if (a == oldTarget) {
      targetSeen = true;
      if (!(b instanceof ScalarNode scalar)) {
        return differ(path, "the edited value is no longer a scalar");
      }
      if (!scalar.getValue().equals(newValue)) {
        return differ(path, "the edited value reads back as '" + scalar.getValue() + "'");
      }
      boolean tagOk =
          b.getTag().equals(a.getTag())
              || b.getTag().equals(Tag.STR)
              || a.getTag().equals(Tag.NULL);
      return tagOk
          ? Optional.empty()
          : differ(path, "the edited value reads back with tag " + b.getTag());
    }
    if (a.getClass() != b.getClass()) {
      return differ(path, "a " + kind(a) + " became a " + kind(b));
    }
    if (!a.getTag().equals(b.getTag())) {
      return differ(path, "tag " + a.getTag() + " became " + b.getTag());
    }
    if (a instanceof ScalarNode sa) {
      String vb = ((ScalarNode) b).getValue();
      return sa.getValue().equals(vb) ? Optional.empty() : differ(path, "value changed");
    }
    if (a instanceof SequenceNode sa) {
      List<Node> ia = sa.getValue();
      List<Node> ib = ((SequenceNode) b).getValue();
      if (ia.size() != ib.size()) {
        return differ(path, "list of " + ia.size() + " items became " + ib.size());
      }
      for (int i = 0; i < ia.size(); i++) {
        Optional<String> found = compare(ia.get(i), ib.get(i), path.child(Integer.toString(i)));
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    List<NodeTuple> ta = ((MappingNode) a).getValue();
    List<NodeTuple> tb = ((MappingNode) b).getValue();
    if (ta.size() != tb.size()) {
      return differ(path, "mapping of " + ta.size() + " keys became " + tb.size());
    }
    for (int i = 0; i < ta.size(); i++) {
      Node keyA = ta.get(i).getKeyNode();
      String keyText = keyA instanceof ScalarNode s ? s.getValue() : "<key #" + i + ">";
      Optional<String> found = compare(keyA, tb.get(i).getKeyNode(), path.child(keyText));
      if (found.isEmpty()) {
        found = compare(ta.get(i).getValueNode(), tb.get(i).getValueNode(), path.child(keyText));
      }
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> differ(YamlPath path, String what) {
    return Optional.of("at '" + (path.size() == 0 ? "(root)" : path.toString()) + "': " + what);
  }

  private static String kind(Node node) {
    return node instanceof ScalarNode
        ? "scalar"
        : node instanceof SequenceNode ? "list" : "mapping";
  }
}
