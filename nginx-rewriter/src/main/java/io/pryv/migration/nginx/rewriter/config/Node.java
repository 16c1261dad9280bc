package io.pryv.migration.nginx.rewriter.config;

import java.util.List;
import java.util.Optional;

/**
 * A directive as the rewriter needs it: name, line, arguments with their byte spans, block, and the
 * byte span of the whole directive in its file ({@code start} at its name, {@code end} just past
 * its {@code ;} or closing brace). Comments are not nodes: the rewriter works on lines.
 *
 * @param includes for {@code include}, the indices of the files it loads in the tree's file list
 */
public record Node(
    String name,
    int line,
    List<Arg> args,
    Optional<List<Node>> block,
    List<Integer> includes,
    int start,
    int end) {

  /** An argument's value (unquoted) and its byte span, quotes included. */
  public record Arg(String value, int start, int end) {}

  public List<String> values() {
    return args.stream().map(Arg::value).toList();
  }

  public String arg(int index) {
    return args.get(index).value();
  }

  public List<Node> children() {
    return block.orElse(List.of());
  }
}
