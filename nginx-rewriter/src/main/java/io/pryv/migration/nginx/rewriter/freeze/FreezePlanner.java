package io.pryv.migration.nginx.rewriter.freeze;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.rewriter.config.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plans a freeze of one file: the freeze lines inserted after the line that opens each {@code
 * server} block. Works on the file's text without any freeze lines, so that a second freeze (or one
 * with another Retry-After) starts from the same base and a re-run changes nothing.
 */
final class FreezePlanner {
  /** Blocks whose servers are not HTTP servers, and blocks that hold no server block. */
  private static final Set<String> NOT_HTTP =
      Set.of(
          "stream",
          "mail",
          "upstream",
          "server",
          "location",
          "if",
          "limit_except",
          "map",
          "geo",
          "types",
          "split_clients",
          "match");

  record Plan(String text, List<Integer> serverLines) {}

  private FreezePlanner() {}

  /** The HTTP server blocks of a file (those at its top level or inside http). */
  static List<Node> servers(List<Node> nodes) {
    List<Node> servers = new ArrayList<>();
    for (Node node : nodes) {
      if (node.name().equals("server") && node.block().isPresent()) {
        servers.add(node);
      } else if (node.block().isPresent() && !NOT_HTTP.contains(node.name())) {
        servers.addAll(servers(node.children()));
      }
    }
    return servers;
  }

  /**
   * The text with the freeze lines in every server block.
   *
   * @param base the file's text without freeze lines; nodes are its parse
   */
  static Plan plan(String name, String base, List<Node> nodes, int retryAfter) {
    StringBuilder out = new StringBuilder(base.length() + 1024);
    List<Integer> lines = new ArrayList<>();
    int position = 0;
    for (Node server : servers(nodes)) {
      int insertAt = lineAfterOpeningBrace(name, base, server);
      String indentation = innerIndentation(base, server);
      String unit = indentationUnit(base, server, indentation);
      out.append(base, position, insertAt)
          .append(
              FreezeLines.render(
                  indentation, unit, lineEndingAt(base, server.start()), retryAfter));
      position = insertAt;
      lines.add(server.line());
    }
    out.append(base, position, base.length());
    return new Plan(out.toString(), List.copyOf(lines));
  }

  /**
   * The offset of the line after the server's "{", which must end its line (only a comment may
   * follow).
   */
  private static int lineAfterOpeningBrace(String name, String text, Node server) {
    int i = afterDirectiveName(text, server.start());
    while (i < text.length() && text.charAt(i) != '{') {
      char c = text.charAt(i);
      if (c == '#') {
        i = text.indexOf('\n', i);
        if (i < 0) {
          break;
        }
      } else if (!Character.isWhitespace(c)) {
        break;
      }
      i++;
    }
    if (i < 0 || i >= text.length() || text.charAt(i) != '{') {
      throw ToolException.badInput(
          name + ":" + server.line() + ": cannot find the \"{\" of this server block");
    }
    int newline = text.indexOf('\n', i);
    String rest = text.substring(i + 1, newline < 0 ? text.length() : newline).strip();
    if (newline < 0 || !(rest.isEmpty() || rest.startsWith("#"))) {
      throw ToolException.badInput(
          name
              + ":"
              + server.line()
              + ": this server block's \"{\" shares its line with"
              + " a directive; put what follows \"{\" on its own line, then run again");
    }
    return newline + 1;
  }

  /**
   * The offset just past a directive's name token, which may be quoted ("server" is valid nginx).
   */
  private static int afterDirectiveName(String text, int start) {
    char first = text.charAt(start);
    if (first != '"' && first != '\'') {
      int i = start;
      while (i < text.length()
          && !Character.isWhitespace(text.charAt(i))
          && text.charAt(i) != '{'
          && text.charAt(i) != '#') {
        i++;
      }
      return i;
    }
    for (int i = start + 1; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        i++;
      } else if (text.charAt(i) == first) {
        return i + 1;
      }
    }
    return text.length();
  }

  /**
   * The indentation of the block's first directive when it starts its line, else the server's plus
   * one step.
   */
  private static String innerIndentation(String text, Node server) {
    String own = indentationOfLineAt(text, server.start());
    for (Node child : server.children()) {
      String candidate = indentationOfLineAt(text, child.start());
      int lineStart = text.lastIndexOf('\n', child.start() - 1) + 1;
      if (lineStart + candidate.length() == child.start() && candidate.length() > own.length()) {
        return candidate;
      }
      break;
    }
    return own + (own.contains("\t") ? "\t" : "  ");
  }

  /** One indentation step: what the block's first line adds to the server's indentation. */
  private static String indentationUnit(String text, Node server, String inner) {
    String own = indentationOfLineAt(text, server.start());
    return inner.startsWith(own) && inner.length() > own.length()
        ? inner.substring(own.length())
        : "  ";
  }

  static String indentationOfLineAt(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    int i = lineStart;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(lineStart, i);
  }

  /** CRLF or LF, as the line that holds offset ends. */
  static String lineEndingAt(String text, int offset) {
    int newline = text.indexOf('\n', offset);
    return newline > 0 && text.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
  }
}
