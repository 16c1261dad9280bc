package io.pryv.migration.platformyml.edit;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * How many places of a document show a node: more than one when it (or a parent) is reached through
 * an alias.
 */
final class AliasUse {
  private AliasUse() {}

  /** The number of places where the last node of the chain appears in the expanded document. */
  static int uses(Node root, List<Node> chain) {
    Map<Node, Integer> references = new IdentityHashMap<>();
    countReferences(root, references);
    // A node's places = sum over its parents' places; along the chain, a shared ancestor multiplies
    // them.
    int places = 1;
    for (Node node : chain.subList(1, chain.size())) {
      places *= references.getOrDefault(node, 1);
      places = Math.min(places, 1_000_000);
    }
    return places;
  }

  private static void countReferences(Node node, Map<Node, Integer> references) {
    int seen = references.merge(node, 1, Integer::sum);
    if (seen > 1) {
      return;
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        countReferences(tuple.getKeyNode(), references);
        countReferences(tuple.getValueNode(), references);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        countReferences(item, references);
      }
    }
  }
}
