package io.pryv.migration.platformyml.edit;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.path.PathResolver;
import io.pryv.migration.platformyml.path.YamlPath;
import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Changes one scalar of a YAML file without re-serialising it: finds the scalar's span, splices the
 * new text in its style, re-composes the result and proves the tree is unchanged except at that
 * path. Never touches disk.
 */
public final class ScalarEditor {

  /** What to change. {@code expect}: refuse unless the current value is this. */
  public record Request(
      YamlPath path, String newValue, Optional<String> expect, boolean followAlias) {
    public Request {
      expect = expect == null ? Optional.empty() : expect;
    }
  }

  /**
   * The outcome: the file's bytes before and after ({@code after == before} content for a no-op).
   */
  public record Result(
      YamlPath path,
      String oldValue,
      String newValue,
      int line,
      byte[] before,
      byte[] after,
      int aliasCount) {
    public boolean changed() {
      return !java.util.Arrays.equals(before, after);
    }
  }

  private ScalarEditor() {}

  /**
   * Edits {@code source}, whose document {@code root} the caller has composed (one parse per
   * process run).
   */
  public static Result edit(YamlText source, Node root, Request request) {
    List<Node> chain = PathResolver.resolve(source.name(), root, request.path());
    Node node = chain.get(chain.size() - 1);
    ScalarNode target = requireScalar(source.name(), request.path(), node);
    int line = PathResolver.line(target);
    String where = source.name() + ": '" + request.path() + "' (line " + line + ")";
    if (request.expect().isPresent() && !request.expect().get().equals(target.getValue())) {
      throw new ToolException(
          ExitCode.DIFFERENCE,
          where
              + " is '"
              + target.getValue()
              + "', not the expected '"
              + request.expect().get()
              + "'; nothing written");
    }
    int uses = AliasUse.uses(root, chain);
    if (uses > 1 && !request.followAlias()) {
      throw ToolException.badInput(
          where
              + " is shared through an anchor/alias ("
              + uses
              + " places would change);"
              + " nothing written; add --follow-alias to change the anchored value everywhere");
    }
    if (target.getAnchor().isPresent() && !request.followAlias()) {
      throw ToolException.badInput(
          where
              + " carries the anchor &"
              + target.getAnchor().get().getValue()
              + "; nothing written; add --follow-alias to change it anyway");
    }
    byte[] before = source.bytes();
    if (target.getValue().equals(request.newValue())) {
      return new Result(
          request.path(), target.getValue(), request.newValue(), line, before, before, uses);
    }
    ScalarSpan span = ScalarSpan.locate(source, target);
    if (span.isEmpty() && !hasIndicatorBefore(source, span, target)) {
      throw ToolException.badInput(
          where + " has no value written (no ':' after its key); add the value by hand");
    }
    ScalarRenderer.Target style =
        new ScalarRenderer.Target(
            span.style(),
            target.getTag(),
            span.text(source),
            inFlowCollection(chain),
            source.lineBreak(),
            (span.isEmpty() || afterProperties(source, span, target))
                && !precededBySpace(source, span));
    List<String> failures = new ArrayList<>();
    for (String candidate : ScalarRenderer.candidates(request.newValue(), style)) {
      byte[] after = splice(before, span, candidate);
      Optional<String> problem = check(source.name(), root, target, after, request.newValue());
      if (problem.isEmpty()) {
        return new Result(
            request.path(), target.getValue(), request.newValue(), line, before, after, uses);
      }
      failures.add(problem.get());
    }
    throw ToolException.badInput(
        where
            + ": writing the new value there would change something else ("
            + failures.get(0)
            + "); nothing written");
  }

  /** The node at the path, which must be a scalar. */
  public static ScalarNode requireScalar(String fileName, YamlPath path, Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar;
    }
    String what =
        node instanceof MappingNode mapping
            ? "a mapping (keys: "
                + String.join(
                    ", ",
                    PathResolver.keys(mapping).stream()
                        .limit(30)
                        .map(YamlPath::quoteIfNeeded)
                        .toList())
                + ")"
            : "a list of " + ((CollectionNode<?>) node).getValue().size() + " items";
    throw ToolException.badInput(
        fileName
            + ": '"
            + path
            + "' (line "
            + PathResolver.line(node)
            + ") is "
            + what
            + ", not a single value; give the path down to a scalar");
  }

  private static Optional<String> check(
      String name, Node oldRoot, ScalarNode target, byte[] after, String newValue) {
    Node newRoot;
    try {
      newRoot = YamlLoader.compose(YamlText.of(name, after));
    } catch (ToolException e) {
      return Optional.of("the result does not parse: " + e.getMessage());
    }
    return TreeComparison.difference(oldRoot, newRoot, target, newValue);
  }

  private static byte[] splice(byte[] before, ScalarSpan span, String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(before.length + text.length() + 16);
    out.write(before, 0, span.byteStart());
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    out.write(before, span.byteEnd(), before.length - span.byteEnd());
    return out.toByteArray();
  }

  private static boolean inFlowCollection(List<Node> chain) {
    return chain.stream()
        .anyMatch(n -> n instanceof CollectionNode<?> c && c.getFlowStyle() == FlowStyle.FLOW);
  }

  /**
   * An empty value can only be filled in where the text already says a value follows: after ':' or
   * '-'.
   */
  private static boolean hasIndicatorBefore(YamlText source, ScalarSpan span, ScalarNode target) {
    if (source.charIndex(target.getStartMark().orElseThrow().getIndex()) < span.charStart()) {
      return true; // `key: &a` or `key: !!null`: the value goes after its properties
    }
    int i = span.charStart() - 1;
    while (i >= 0 && (source.text().charAt(i) == ' ' || source.text().charAt(i) == '\t')) {
      i--;
    }
    return i >= 0 && (source.text().charAt(i) == ':' || source.text().charAt(i) == '-');
  }

  private static boolean afterProperties(YamlText source, ScalarSpan span, ScalarNode target) {
    return source.charIndex(target.getStartMark().orElseThrow().getIndex()) < span.charStart();
  }

  private static boolean precededBySpace(YamlText source, ScalarSpan span) {
    if (span.charStart() == 0) {
      return true;
    }
    char before = source.text().charAt(span.charStart() - 1);
    return before == ' ' || before == '\t' || before == '\n' || before == '\r';
  }
}
