package io.pryv.migration.platformyml.yaml;

import io.pryv.migration.common.ToolException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes a YAML 1.2 document (what Pryv's js-yaml reads; snakeyaml-engine, Core schema) into
 * nodes with positions, safely: only the composer runs and it builds no Java objects; tags that
 * name a Java type ({@code !!java.net.URL}) are refused anyway; aliases of collections are capped
 * (billion laughs), nesting is bounded, and the input size is capped. Any failure is bad input with
 * the file, line and column.
 */
public final class YamlLoader {
  static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
  static final int MAX_NESTING_DEPTH = 100;
  private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

  /**
   * The tags of YAML's own types (yaml.org/type): any other {@code !!name} is a language type,
   * refused.
   */
  private static final Set<String> YAML_TYPES =
      Set.of(
          "str",
          "int",
          "float",
          "bool",
          "null",
          "map",
          "seq",
          "set",
          "omap",
          "pairs",
          "binary",
          "timestamp",
          "merge",
          "value",
          "yaml");

  private YamlLoader() {}

  static LoadSettings settings() {
    return LoadSettings.builder()
        .setSchema(new CoreSchema())
        .setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS)
        .setAllowRecursiveKeys(false)
        .setAllowNonScalarKeys(true)
        .setCodePointLimit(YamlText.MAX_BYTES)
        .setAllowDuplicateKeys(false)
        .setParseComments(false)
        .build();
  }

  /** The single document of the file; an empty stream or several documents are bad input. */
  public static Node compose(YamlText source) {
    Optional<Node> root;
    try {
      // The composer alone: no Load facade, no constructor (nothing constructed).
      LoadSettings settings = settings();
      Composer composer =
          new Composer(
              settings, new ParserImpl(settings, new StreamReader(settings, source.text())));
      root = composer.getSingleNode();
    } catch (MarkedYamlEngineException e) {
      throw ToolException.badInput(source.name() + describe(e), e);
    } catch (YamlEngineException e) {
      throw ToolException.badInput(source.name() + ": not loadable YAML: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw ToolException.badInput(source.name() + ": nested too deeply to load");
    }
    if (root.isEmpty()) {
      throw ToolException.badInput(source.name() + ": holds no YAML document");
    }
    check(source.name(), root.get(), 0, new IdentityHashMap<>());
    return root.get();
  }

  /** Nesting depth and language tags, each node once (aliases share nodes). */
  private static void check(String name, Node node, int depth, Map<Node, Boolean> seen) {
    if (seen.put(node, Boolean.TRUE) != null) {
      return;
    }
    if (depth > MAX_NESTING_DEPTH) {
      throw ToolException.badInput(
          name
              + where(node.getStartMark())
              + ": not valid YAML: nested deeper than "
              + MAX_NESTING_DEPTH
              + " levels");
    }
    String tag = node.getTag().getValue();
    if (tag.startsWith(YAML_TAG_PREFIX)
        && !YAML_TYPES.contains(tag.substring(YAML_TAG_PREFIX.length()))) {
      throw ToolException.badInput(
          name
              + where(node.getStartMark())
              + ": not valid YAML: Global tag is not allowed: "
              + tag);
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        check(name, tuple.getKeyNode(), depth + 1, seen);
        check(name, tuple.getValueNode(), depth + 1, seen);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        check(name, item, depth + 1, seen);
      }
    }
  }

  private static String where(Optional<Mark> mark) {
    return mark.map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
  }

  private static String describe(MarkedYamlEngineException e) {
    Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
    String context = e.getContext() == null ? "" : " (" + e.getContext().strip() + ")";
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    return where(mark) + ": not valid YAML: " + problem.strip() + context;
  }
}
