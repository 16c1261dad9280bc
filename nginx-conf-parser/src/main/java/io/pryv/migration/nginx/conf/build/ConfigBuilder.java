package io.pryv.migration.nginx.conf.build;

import io.pryv.migration.nginx.conf.lex.Lexer;
import io.pryv.migration.nginx.conf.parse.Statement;
import java.util.List;

/**
 * crossplane's {@code build}: nginx config text from parsed statements, one statement per line,
 * blocks indented, a comment that was on the same line as the statement before it kept on that
 * line, Lua blocks written back as braces around their code.
 */
public final class ConfigBuilder {
  /**
   * The header {@code build} writes unless {@code --no-headers}; it names this tool rather than
   * crossplane.
   */
  public static final String HEADER =
      "# This config was built from JSON by nginx-rewriter build"
          + " (crossplane-compatible).\n"
          + "# It was generated: edit the JSON or the original config, not this file.\n"
          + "\n";

  private final String padding;

  private ConfigBuilder(String padding) {
    this.padding = padding;
  }

  /**
   * @param indent spaces per level (ignored with tabs)
   * @param tabs indent with one tab per level
   */
  public static String build(List<Statement> statements, int indent, boolean tabs, boolean header) {
    ConfigBuilder builder = new ConfigBuilder(tabs ? "\t" : " ".repeat(Math.max(0, indent)));
    StringBuilder body = new StringBuilder();
    builder.buildBlock(body, statements, 0, 0);
    return header ? HEADER + body : body.toString();
  }

  private void buildBlock(StringBuilder output, List<Statement> block, int depth, int lastLine) {
    String margin = padding.repeat(depth);
    for (Statement statement : block) {
      String directive = ArgumentQuoting.enquote(statement.directive());
      int line = statement.line();
      if (directive.equals("#") && line == lastLine) {
        output.append(" #").append(statement.comment());
        continue;
      }
      StringBuilder built = new StringBuilder();
      if (directive.equals("#")) {
        built.append('#').append(statement.comment());
      } else if (Lexer.LUA_BLOCK_DIRECTIVES.contains(directive)) {
        buildLuaBlock(built, statement);
      } else {
        List<String> args = statement.args();
        if (directive.equals("if")) {
          built.append("if (");
          appendArgs(built, args);
          built.append(')');
        } else {
          built.append(directive);
          if (!args.isEmpty()) {
            built.append(' ');
            appendArgs(built, args);
          }
        }
        if (statement.block() == null) {
          built.append(';');
        } else {
          built.append(" {");
          buildBlock(built, statement.block(), depth + 1, line);
          built.append('\n').append(margin).append('}');
        }
      }
      if (output.length() > 0) {
        output.append('\n');
      }
      output.append(margin).append(built);
      lastLine = line;
    }
  }

  private static void appendArgs(StringBuilder built, List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        built.append(' ');
      }
      built.append(ArgumentQuoting.enquote(args.get(i)));
    }
  }

  /** crossplane's LuaBlockPlugin builder: the code goes back between braces, unquoted. */
  private static void buildLuaBlock(StringBuilder built, Statement statement) {
    List<String> args = statement.args();
    built.append(statement.directive());
    String code;
    if (statement.directive().equals("set_by_lua_block")) {
      built.append(' ').append(args.get(0));
      code = args.get(1);
    } else {
      code = args.get(0);
    }
    built.append(" {").append(code).append('}');
  }
}
