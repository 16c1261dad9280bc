package io.pryv.migration.nginx.rewriter.crossplane;

import io.pryv.migration.common.CommandBoundary;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.conf.build.ConfigFilesBuilder;
import io.pryv.migration.nginx.conf.build.ConfigFilesBuilder.BuiltFile;
import io.pryv.migration.nginx.conf.json.PayloadJson;
import io.pryv.migration.nginx.conf.lex.Lexer;
import io.pryv.migration.nginx.conf.lex.NgxSyntaxError;
import io.pryv.migration.nginx.conf.lex.SourceText;
import io.pryv.migration.nginx.conf.lex.Token;
import io.pryv.migration.nginx.conf.parse.NginxConfParser;
import io.pryv.migration.nginx.conf.parse.ParseOptions;
import io.pryv.migration.nginx.conf.parse.Payload;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code parse}, {@code build} and {@code lex} verbs of nginx-rewriter: crossplane's CLI on the
 * nginx-conf-parser library. {@link io.pryv.migration.nginx.rewriter.cli.NginxRewriterTool} hands
 * them the verb, the arguments after it and the streams: {@code nginx-rewriter parse FILE}.
 */
public final class ParserCommands {
  private final String toolName;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Path workingDir;

  /**
   * @param toolName the name errors are reported under ({@code TOOL: error: ...})
   * @param workingDir where relative file names are read and written (the process's current folder
   *     in a tool)
   */
  public ParserCommands(
      String toolName, InputStream in, PrintStream out, PrintStream err, Path workingDir) {
    this.toolName = toolName;
    this.in = in;
    this.out = out;
    this.err = err;
    this.workingDir = workingDir;
  }

  /** Runs one command; returns its exit code, errors reported once on stderr. */
  public int run(String command, String[] args) {
    return CommandBoundary.run(
        toolName,
        args,
        err,
        () ->
            switch (command) {
              case "parse" -> parse(ParseArgs.from(args));
              case "build" -> build(BuildArgs.from(args));
              case "lex" -> lex(LexArgs.from(args));
              default ->
                  throw ToolException.usage(
                      "unknown command '" + command + "': expected parse, build or lex");
            });
  }

  int parse(ParseArgs args) throws IOException {
    if (args.help()) {
      out.print(ParseArgs.help(toolName));
      return ExitCode.OK.code();
    }
    ParseOptions options =
        ParseOptions.defaults()
            .withWorkingDir(workingDir)
            .withIgnore(args.ignore())
            .withCatchErrors(args.catchErrors())
            .withTracebacks(args.tracebacks())
            .withCombine(args.combine())
            .withSingle(args.single())
            .withComments(args.comments())
            .withStrict(args.strict());
    Payload payload = NginxConfParser.parse(args.file(), options);
    emit(args.out(), stream -> PayloadJson.write(payload, stream, args.indent()));
    return ExitCode.OK.code();
  }

  int lex(LexArgs args) throws IOException {
    if (args.help()) {
      out.print(LexArgs.help(toolName));
      return ExitCode.OK.code();
    }
    Path path = workingDir.resolve(args.file());
    List<Token> tokens;
    try {
      tokens = Lexer.lexOrThrow(SourceText.decode(FileErrors.readFile(path)), args.file());
    } catch (NgxSyntaxError e) {
      throw new ToolException(ExitCode.BAD_INPUT, e.getMessage(), e);
    }
    emit(
        args.out(),
        stream -> PayloadJson.writeTokens(tokens, args.lineNumbers(), stream, args.indent()));
    return ExitCode.OK.code();
  }

  int build(BuildArgs args) throws IOException {
    if (args.help()) {
      out.print(BuildArgs.help(toolName));
      return ExitCode.OK.code();
    }
    String baseDir = args.dir() != null ? args.dir() : workingDir.toAbsolutePath().toString();
    if (!baseDir.startsWith("/")) {
      baseDir = workingDir.toAbsolutePath().resolve(baseDir).toString();
    }
    List<PayloadJson.BuildInput> configs;
    FileErrors.requireReadableFile(workingDir.resolve(args.file()));
    try (InputStream payload = Files.newInputStream(workingDir.resolve(args.file()))) {
      configs = PayloadJson.readForBuild(payload, args.file());
    }
    List<BuiltFile> files =
        ConfigFilesBuilder.render(configs, baseDir, args.indent(), args.tabs(), args.header());
    if (args.stdout()) {
      for (BuiltFile file : files) {
        out.print("# " + file.path() + "\n" + file.content() + "\n");
      }
      out.flush();
      return ExitCode.OK.code();
    }
    if (!args.force()) {
      List<String> existing = new ArrayList<>();
      for (BuiltFile file : files) {
        if (Files.exists(Path.of(file.path()))) {
          existing.add(file.path());
        }
      }
      if (!existing.isEmpty()) {
        out.println("building " + args.file() + " would overwrite these files:");
        out.println(String.join("\n", existing));
        out.print("overwrite? (y/n [n]) ");
        out.flush();
        String answer =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (answer == null) {
          out.println();
          out.println("not overwritten (no answer: use --force to overwrite without asking)");
          return ExitCode.DIFFERENCE.code();
        }
        if (!answer.strip().toLowerCase().startsWith("y")) {
          out.println("not overwritten");
          return ExitCode.OK.code();
        }
      }
    }
    ConfigFilesBuilder.write(files);
    if (args.verbose()) {
      for (BuiltFile file : files) {
        out.println("wrote to " + file.path());
      }
    }
    return ExitCode.OK.code();
  }

  @FunctionalInterface
  private interface Writing {
    void write(OutputStream stream) throws IOException;
  }

  /** To stdout, or atomically to {@code outFile}. */
  private void emit(String outFile, Writing writing) throws IOException {
    if (outFile == null) {
      BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
      writing.write(buffered);
      buffered.flush();
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writing.write(bytes);
    SafeFileWriter.writeAtomically(workingDir.resolve(outFile), bytes.toByteArray());
  }
}
