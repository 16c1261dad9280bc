package io.pryv.migration.nginx.rewriter.config;

import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.conf.lex.Token;
import io.pryv.migration.nginx.conf.parse.ConfigFile;
import io.pryv.migration.nginx.conf.parse.NginxConfParser;
import io.pryv.migration.nginx.conf.parse.ParseError;
import io.pryv.migration.nginx.conf.parse.ParseOptions;
import io.pryv.migration.nginx.conf.parse.Payload;
import io.pryv.migration.nginx.conf.parse.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that calls the nginx-conf-parser library: a crossplane parse (includes followed
 * like crossplane, relative to the main file's folder) turned into {@link Node}s with byte spans.
 * The context check is off: a site file holds {@code upstream} and {@code server} at its top level,
 * which nginx reads inside {@code http}.
 */
public final class ConfigReader {
  private ConfigReader() {}

  /** The main file and, unless singleFile, the files it includes. */
  public static ParsedTree read(Path mainFile, boolean singleFile) {
    return payloadToTree(
        NginxConfParser.parse(mainFile.toString(), options().withSingle(singleFile)));
  }

  /** One file's text as if it were on disk under name, includes not followed. */
  public static ParsedTree readText(String name, byte[] content) {
    return payloadToTree(
        NginxConfParser.parse(name, options().withSingle(true), Map.of(name, content)));
  }

  /** crossplane's defaults without the context check (argument checks catch a missing ';'). */
  private static ParseOptions options() {
    ParseOptions d = ParseOptions.defaults();
    return new ParseOptions(
        d.workingDir(),
        d.catchErrors(),
        d.ignore(),
        d.single(),
        d.comments(),
        d.strict(),
        d.combine(),
        false,
        true,
        d.tracebacks());
  }

  private static ParsedTree payloadToTree(Payload payload) {
    List<ParsedTree.Problem> problems = new ArrayList<>();
    for (ParseError error : payload.errors()) {
      // crossplane words an unreadable file as Python does ([Errno 13] ...); the toolkit has its
      // own words.
      if (error.unreadable() == null) {
        problems.add(new ParsedTree.Problem(error.file(), error.line(), error.error()));
      } else {
        ToolException described =
            FileErrors.describe(Path.of(error.unreadable().name()), error.unreadable().cause());
        problems.add(
            new ParsedTree.Problem(
                error.file(), error.line(), described.getMessage(), described.exitCode()));
      }
    }
    List<ParsedFile> files = new ArrayList<>();
    for (ConfigFile config : payload.config()) {
      byte[] content = config.source() == null ? new byte[0] : config.source().bytes();
      files.add(
          new ParsedFile(config.file(), content, nodes(config.file(), config.parsed(), problems)));
    }
    return new ParsedTree(List.copyOf(files), List.copyOf(problems));
  }

  private static List<Node> nodes(
      String file, List<Statement> statements, List<ParsedTree.Problem> problems) {
    List<Node> nodes = new ArrayList<>();
    for (Statement statement : statements) {
      if (statement.isComment()) {
        continue;
      }
      Statement.Source source = statement.source();
      // crossplane lets "}" end a directive where nginx wants ";" (outside the contexts it knows):
      // nginx would
      // refuse the file, and commenting out such a line would take the brace with it.
      if (!statement.hasBlock()
          && source.terminator() != null
          && !source.terminator().text().equals(";")) {
        problems.add(
            new ParsedTree.Problem(
                file,
                statement.line(),
                "directive \"" + statement.directive() + "\" is not terminated by \";\""));
      }
      List<Node.Arg> args = new ArrayList<>();
      boolean spans = source.args().size() == statement.args().size();
      for (int i = 0; i < statement.args().size(); i++) {
        Token token = spans ? source.args().get(i) : null;
        // An if's parentheses can be tokens of their own that crossplane drops: no spans then
        // (never needed).
        args.add(
            new Node.Arg(
                statement.args().get(i), spans ? token.offset() : -1, spans ? token.end() : -1));
      }
      nodes.add(
          new Node(
              statement.directive(),
              statement.line(),
              List.copyOf(args),
              statement.hasBlock()
                  ? Optional.of(nodes(file, statement.block(), problems))
                  : Optional.empty(),
              statement.includes() == null ? List.of() : List.copyOf(statement.includes()),
              source.start(),
              source.end()));
    }
    return List.copyOf(nodes);
  }
}
