package io.pryv.migration.platformyml.yaml;

import io.pryv.migration.common.ToolException;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes a YAML document into nodes with positions, safely: only SnakeYAML's composer runs, it builds no Java
 * objects (so no arbitrary types; its tag inspector also refuses global tags such as {@code !!java.net.URL}), aliases of collections are capped (billion laughs), recursion and nesting are bounded, and
 * the input size is capped. Any failure is bad input with the file, line and column.
 */
public final class YamlLoader {
  static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
  static final int MAX_NESTING_DEPTH = 100;

  private YamlLoader() {}

  static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(YamlText.MAX_BYTES);
    options.setAllowDuplicateKeys(false);
    options.setProcessComments(false);
    return options;
  }

  /** The single document of the file; an empty stream or several documents are bad input. */
  public static Node compose(YamlText source) {
    Node root;
    try {
      // The composer alone: no Yaml facade, no constructor, no representer (faster start, nothing constructed).
      LoaderOptions options = options();
      Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(source.text())), options),
          new Resolver(), options);
      root = composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      throw ToolException.badInput(source.name() + describe(e), e);
    } catch (YAMLException e) {
      throw ToolException.badInput(source.name() + ": not loadable YAML: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw ToolException.badInput(source.name() + ": nested too deeply to load");
    }
    if (root == null) {
      throw ToolException.badInput(source.name() + ": holds no YAML document");
    }
    return root;
  }

  private static String describe(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    String context = e.getContext() == null ? "" : " (" + e.getContext().strip() + ")";
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    return where + ": not valid YAML: " + problem.strip() + context;
  }
}
