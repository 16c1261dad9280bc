package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.nginx.rewriter.crossplane.ParserCommands;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** The nginx-rewriter command line: parses, runs one verb, prints its report. */
public final class NginxRewriterTool {
  static final String NAME = "nginx-rewriter";

  private final ToolRoot root;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final ProcessRunner runner;

  public NginxRewriterTool(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      ProcessRunner runner) {
    this.root = new ToolRoot(NAME, NginxRewriterTool.class, out, err);
    this.in = in;
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.runner = runner;
  }

  public int run(String[] args) {
    return root.runWithHelpOf(
        args, NginxRewriterOptionsParser::parse, NginxRewriterHelp::text, this::dispatch);
  }

  private int dispatch(NginxRewriterOptions options) throws Exception {
    NginxRewriterVerbs verbs = new NginxRewriterVerbs(options, environment, runner);
    NginxRewriterPrinters printers = new NginxRewriterPrinters(root::warn);
    boolean json = options.json();
    return switch (options.verb()) {
      case REDIRECT -> root.print(verbs.redirect(), json, printers.redirect);
      case ROLLBACK -> root.print(verbs.rollback(), json, printers.rollback);
      case FREEZE -> root.print(verbs.freeze(), json, printers.freeze);
      case UNFREEZE -> root.print(verbs.unfreeze(), json, printers.freeze);
      case STATUS -> root.print(verbs.status(), json, printers.status);
      // crossplane's command line: the output is the payload itself, in crossplane's format;
      // relative names are the current folder's, as in crossplane
      case PARSE, BUILD, LEX ->
          new ParserCommands(NAME, in, out, err, Path.of(""))
              .run(options.verb().word(), options.crossplaneArguments().toArray(String[]::new));
    };
  }
}
