package io.pryv.migration.nginx.rewriter.redirect;

import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.rewriter.config.ConfigReader;
import io.pryv.migration.nginx.rewriter.config.Node;
import io.pryv.migration.nginx.rewriter.config.ParsedFile;
import io.pryv.migration.nginx.rewriter.config.ParsedTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A config file and the files it includes, parsed as crossplane does (includes followed, relative
 * to the main file's folder), each with the text it had before any redirect.
 */
record ConfigTree(List<SourceFile> files) {

  static ConfigTree load(Path mainFile) throws IOException {
    return load(mainFile, text -> text);
  }

  /**
   * With {@code before} applied to each file's current text before its marks are taken out: the
   * original is that of the text without the lines {@code before} removes (a freeze's, for {@code
   * redirect --unfreeze}).
   */
  static ConfigTree load(Path mainFile, UnaryOperator<String> before) throws IOException {
    FileErrors.requireReadableFile(mainFile);
    ParsedTree tree = ConfigReader.read(mainFile, false);
    ParsedTree.failOnErrors(tree.errors(), "");
    List<SourceFile> files = new ArrayList<>();
    for (ParsedFile parsed : tree.files()) {
      String current = Marks.text(parsed.content());
      if (current.indexOf('\r') >= 0 && current.replace("\r\n", "").indexOf('\r') >= 0) {
        throw ToolException.badInput(
            parsed.name()
                + ": has lone carriage returns (old Mac line endings);"
                + " convert them to LF or CRLF, then run again");
      }
      String original = Marks.original(before.apply(current));
      List<Node> originalParsed =
          original.equals(current) ? parsed.nodes() : parseOriginal(parsed.name(), original);
      files.add(
          new SourceFile(
              Path.of(parsed.name()),
              parsed.name(),
              current,
              original,
              originalParsed,
              parsed.nodes()));
    }
    return new ConfigTree(List.copyOf(files));
  }

  SourceFile main() {
    return files.get(0);
  }

  /**
   * Parses the text a file had before the redirect (its marks taken out), alone, for the offsets in
   * it.
   */
  private static List<Node> parseOriginal(String name, String original) {
    ParsedTree tree = ConfigReader.readText(name, Marks.bytes(original));
    ParsedTree.failOnErrors(tree.errors(), " (without its nginx-rewriter lines)");
    return tree.files().get(0).nodes();
  }
}
