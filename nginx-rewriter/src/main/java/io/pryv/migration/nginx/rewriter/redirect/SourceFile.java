package io.pryv.migration.nginx.rewriter.redirect;

import io.pryv.migration.nginx.rewriter.config.Node;
import java.nio.file.Path;
import java.util.List;

/**
 * One file of the include tree: its bytes now (as one char per byte), the text it had before any
 * redirect, the directives of that original text (offsets into {@code original}) and of the current
 * text.
 */
record SourceFile(
    Path path,
    String displayName,
    String current,
    String original,
    List<Node> originalParsed,
    List<Node> currentParsed) {

  boolean redirected() {
    return !current.equals(original);
  }
}
