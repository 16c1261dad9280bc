package io.pryv.migration.nginx.conf.parse;

import io.pryv.migration.nginx.conf.compat.PythonText;
import io.pryv.migration.nginx.conf.lex.Lexer;
import io.pryv.migration.nginx.conf.lex.NgxSyntaxError;
import io.pryv.migration.nginx.conf.lex.SourceText;
import io.pryv.migration.nginx.conf.lex.Token;
import io.pryv.migration.nginx.conf.lex.TokenStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * crossplane 0.5.7's {@code parse()}: the main file, then every file its includes name (relative to
 * the main file's folder, globs sorted, each file once, in the context of its first include), each
 * parsed into statements, with the same recovery from errors and the same error texts, so that the
 * payload is crossplane's field for field. Every statement also keeps its tokens' byte spans
 * ({@link Statement#source()}).
 */
public final class NginxConfParser {
  private final ParseOptions options;
  private final Map<String, byte[]> overrides;
  private final String configDir;
  private final List<String> includeNames = new ArrayList<>();
  private final List<List<String>> includeContexts = new ArrayList<>();
  private final Map<String, Integer> included = new HashMap<>();
  private final List<ParseError> payloadErrors = new ArrayList<>();

  private NginxConfParser(String fileName, ParseOptions options, Map<String, byte[]> overrides) {
    this.options = options;
    this.overrides = overrides;
    this.configDir = PythonPaths.dirname(fileName);
  }

  /**
   * Parses {@code fileName} (relative names against {@link ParseOptions#workingDir()}) and what it
   * includes.
   */
  public static Payload parse(String fileName, ParseOptions options) {
    return parse(fileName, options, Map.of());
  }

  /**
   * Like {@link #parse(String, ParseOptions)}, reading the files named in {@code overrides} from
   * there instead of the disk: lets a caller check an edit of several files before writing any.
   */
  public static Payload parse(
      String fileName, ParseOptions options, Map<String, byte[]> overrides) {
    return new NginxConfParser(fileName, options, overrides).run(fileName);
  }

  private Payload run(String fileName) {
    includeNames.add(fileName);
    includeContexts.add(List.of());
    included.put(fileName, 0);
    List<ConfigFile> configs = new ArrayList<>();
    for (int i = 0; i < includeNames.size(); i++) {
      configs.add(parseFile(includeNames.get(i), includeContexts.get(i)));
    }
    String status = payloadErrors.isEmpty() ? "ok" : "failed";
    Payload payload = new Payload(status, List.copyOf(payloadErrors), List.copyOf(configs));
    return options.combine() ? Combiner.combine(payload) : payload;
  }

  /** The state of one file being parsed (crossplane's {@code parsing} dict). */
  private final class FileParsing {
    final String file;
    final List<ParseError> errors = new ArrayList<>();

    FileParsing(String file) {
      this.file = file;
    }

    void error(String message, Integer line, Throwable cause) {
      ParseError.Unreadable unreadable = cause instanceof OsError os ? os.unreadable() : null;
      errors.add(new ParseError(null, message, line, null, unreadable));
      String callback =
          options.tracebacks()
              ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
              : null;
      payloadErrors.add(new ParseError(file, message, line, callback, unreadable));
    }
  }

  private record Block(List<Statement> statements, Token end) {}

  private ConfigFile parseFile(String name, List<String> context) {
    FileParsing parsing = new FileParsing(name);
    SourceText source = null;
    List<Statement> parsed = List.of();
    try {
      source = SourceText.decode(read(name));
      TokenStream tokens = Lexer.lex(source, name);
      parsed = parseBlock(parsing, tokens, context, false).statements();
    } catch (NgxSyntaxError e) {
      parsing.error(e.getMessage(), e.line(), e);
    } catch (OsError e) {
      parsing.error(e.getMessage(), e.line(), e);
    } catch (TokenStream.Exhausted e) {
      parsing.error("", null, e); // Python's StopIteration when a file ends inside a statement
    } catch (IllegalArgumentException e) {
      parsing.error(
          e.getMessage(), null, e); // a Python formatting error in crossplane's flag message
    } catch (IndexOutOfBoundsException e) {
      parsing.error("list index out of range", null, e);
    }
    String status = parsing.errors.isEmpty() ? "ok" : "failed";
    return new ConfigFile(name, status, List.copyOf(parsing.errors), parsed, source);
  }

  private byte[] read(String name) {
    byte[] override = overrides.get(name);
    if (override != null) {
      return override;
    }
    Path path = options.workingDir().resolve(name);
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw OsError.of(name, path, e);
    }
  }

  private Block parseBlock(
      FileParsing parsing, TokenStream tokens, List<String> context, boolean consume) {
    List<Statement> parsed = new ArrayList<>();
    int contextMask = consume ? 0 : DirectiveTable.contextMask(context);
    String fileField = options.combine() ? parsing.file : null;
    while (tokens.hasNext()) {
      Token token = tokens.next();
      if (token.isDelimiter('}')) {
        return new Block(parsed, token);
      }
      if (consume) {
        if (token.isDelimiter('{')) {
          parseBlock(parsing, tokens, context, true);
        }
        continue;
      }
      String directive = token.text();
      if (token.isComment()) {
        if (options.comments()) {
          parsed.add(
              new Statement(
                  fileField,
                  "#",
                  token.line(),
                  List.of(),
                  null,
                  null,
                  directive.substring(1),
                  new Statement.Source(token, List.of(), null, null)));
        }
        continue;
      }

      List<String> args = new ArrayList<>();
      List<Token> argTokens = new ArrayList<>();
      List<String> commentsInArgs = null;
      Token terminator = tokens.next();
      while (!(terminator.isDelimiter('{')
          || terminator.isDelimiter(';')
          || terminator.isDelimiter('}'))) {
        if (terminator.isComment()) {
          if (commentsInArgs == null) {
            commentsInArgs = new ArrayList<>();
          }
          commentsInArgs.add(terminator.text().substring(1));
        } else {
          args.add(terminator.text());
          argTokens.add(terminator);
        }
        terminator = tokens.next();
      }

      if (options.ignore().contains(directive)) {
        if (terminator.isDelimiter('{')) {
          parseBlock(parsing, tokens, context, true);
        }
        continue;
      }
      if (directive.equals("if")) {
        prepareIfArgs(args);
      }
      try {
        Analyzer.analyze(
            parsing.file, directive, token.line(), args, terminator.text(), contextMask, options);
      } catch (DirectiveError e) {
        if (!options.catchErrors()) {
          throw e;
        }
        parsing.error(e.getMessage(), e.line(), e);
        if (e.reason().endsWith(" is not terminated by \";\"")) {
          if (!terminator.isDelimiter('}')) {
            parseBlock(parsing, tokens, context, true);
          } else {
            break;
          }
        }
        continue;
      }

      List<Integer> includes = null;
      if (!options.single() && directive.equals("include")) {
        includes = include(parsing, args.get(0), token.line(), context);
      }
      List<Statement> block = null;
      Token blockEnd = null;
      if (terminator.isDelimiter('{')) {
        Block inner = parseBlock(parsing, tokens, enterBlock(context, directive), false);
        block = inner.statements();
        blockEnd = inner.end();
      }
      parsed.add(
          new Statement(
              fileField,
              directive,
              token.line(),
              Collections.unmodifiableList(args),
              includes,
              block,
              null,
              new Statement.Source(token, List.copyOf(argTokens), terminator, blockEnd)));
      if (commentsInArgs != null) {
        for (String comment : commentsInArgs) {
          parsed.add(new Statement(null, "#", token.line(), List.of(), null, null, comment, null));
        }
      }
    }
    return new Block(parsed, null);
  }

  private List<Integer> include(FileParsing parsing, String arg, int line, List<String> context) {
    String pattern = PythonPaths.isAbsolute(arg) ? arg : PythonPaths.join(configDir, arg);
    List<String> names;
    if (PythonGlob.hasMagic(pattern)) {
      names = new ArrayList<>(PythonGlob.glob(pattern, options.workingDir()));
      Collections.sort(names);
    } else if (overrides.containsKey(pattern)) {
      names = List.of(pattern);
    } else {
      OsError error = openError(pattern);
      if (error == null) {
        names = List.of(pattern);
      } else {
        names = List.of();
        error = error.atLine(line);
        if (!options.catchErrors()) {
          throw error;
        }
        parsing.error(error.getMessage(), line, error);
      }
    }
    List<Integer> indexes = new ArrayList<>(names.size());
    for (String name : names) {
      Integer index = included.get(name);
      if (index == null) {
        index = includeNames.size();
        included.put(name, index);
        includeNames.add(name);
        includeContexts.add(context);
      }
      indexes.add(index);
    }
    return Collections.unmodifiableList(indexes);
  }

  /**
   * Why Python's {@code open(name)} would fail (crossplane checks explicit includes that way), or
   * null.
   */
  private OsError openError(String name) {
    Path path = options.workingDir().resolve(name);
    if (Files.isDirectory(path)) {
      return OsError.of(name, path, new IOException("is a directory"));
    }
    try {
      Files.newByteChannel(path).close();
      return null;
    } catch (IOException e) {
      return OsError.of(name, path, e);
    }
  }

  /**
   * crossplane's {@code enter_block_ctx}: a location inside http is always ("http", "location").
   */
  private static List<String> enterBlock(List<String> context, String directive) {
    if (!context.isEmpty() && context.get(0).equals("http") && directive.equals("location")) {
      return List.of("http", "location");
    }
    List<String> inner = new ArrayList<>(context.size() + 1);
    inner.addAll(context);
    inner.add(directive);
    return List.copyOf(inner);
  }

  /** crossplane's {@code _prepare_if_args}: removes the parentheses around an if's condition. */
  static void prepareIfArgs(List<String> args) {
    if (args.isEmpty()
        || !args.get(0).startsWith("(")
        || !args.get(args.size() - 1).endsWith(")")) {
      return;
    }
    args.set(0, PythonText.lstrip(args.get(0).substring(1)));
    String last = args.get(args.size() - 1);
    args.set(args.size() - 1, PythonText.rstrip(last.substring(0, last.length() - 1)));
    int start = args.get(0).isEmpty() ? 1 : 0;
    int end = args.size() - (args.get(args.size() - 1).isEmpty() ? 1 : 0);
    List<String> kept = start <= end ? new ArrayList<>(args.subList(start, end)) : List.of();
    args.clear();
    args.addAll(kept);
  }
}
