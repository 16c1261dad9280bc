package io.pryv.migration.nginx.rewriter.redirect;

import io.pryv.migration.nginx.rewriter.config.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads, from the current text, which upstreams a redirect re-pointed and where to. */
final class StatusReader {

  /** An upstream and the target of its added server line. */
  record Upstream(String name, String file, int line, String target) {}

  private StatusReader() {}

  /**
   * Every upstream of the tree, by lower-case name: redirected ones with their target, others with
   * null.
   */
  static Map<String, Upstream> upstreams(List<SourceFile> files) {
    Map<String, Upstream> result = new LinkedHashMap<>();
    for (SourceFile file : files) {
      RedirectPlanner.walk(
          file.currentParsed(),
          new ArrayList<>(),
          (directive, ancestors) -> {
            if (directive.name().equals("upstream") && !directive.args().isEmpty()) {
              String name = directive.arg(0);
              result.putIfAbsent(
                  RedirectPlanner.key(name),
                  new Upstream(
                      name, file.displayName(), directive.line(), addedTarget(file, directive)));
            }
          });
    }
    return result;
  }

  /** The redirected upstreams only. */
  static Map<String, Upstream> redirectedUpstreams(List<SourceFile> files) {
    Map<String, Upstream> result = new LinkedHashMap<>();
    upstreams(files)
        .forEach(
            (key, upstream) -> {
              if (upstream.target() != null) {
                result.put(key, upstream);
              }
            });
    return result;
  }

  private static String addedTarget(SourceFile file, Node upstream) {
    for (Node child : upstream.children()) {
      if (child.name().equals("server")
          && !child.args().isEmpty()
          && isAddedLine(file.current(), child)) {
        return child.arg(0);
      }
    }
    return null;
  }

  private static boolean isAddedLine(String text, Node directive) {
    int lineStart = text.lastIndexOf('\n', directive.start() - 1) + 1;
    int lineEnd = text.indexOf('\n', directive.start());
    return Marks.isAdded(text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd));
  }
}
