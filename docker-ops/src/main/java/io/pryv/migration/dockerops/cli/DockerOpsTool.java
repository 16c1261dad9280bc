package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.common.VerbReport;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * The docker-ops command line: parses, reaches the machine (locally or over SSH), runs one verb,
 * prints its report.
 */
public final class DockerOpsTool {
  static final String NAME = "docker-ops";

  private final ToolRoot root;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Clock clock;
  private final Function<DockerOpsOptions, Machine> connector;

  public DockerOpsTool(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    this(
        out,
        err,
        env,
        clock,
        options ->
            options
                .host()
                .map(host -> Machine.connect(host, options.ssh(), options.timeout(), err))
                .orElseGet(Machine::local));
  }

  /** With a chosen way to reach the machine (tests). */
  public DockerOpsTool(
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Clock clock,
      Function<DockerOpsOptions, Machine> connector) {
    this.root = new ToolRoot(NAME, DockerOpsTool.class, out, err);
    this.out = out;
    this.err = err;
    this.env = env;
    this.clock = clock;
    this.connector = connector;
  }

  public int run(String[] args) {
    return root.run(
        args, a -> DockerOpsOptionsParser.parse(a, env), DockerOpsHelp::text, this::dispatch);
  }

  private int dispatch(DockerOpsOptions options) throws Exception {
    try (Machine machine = connector.apply(options)) {
      if (options.steps().size() == 1) {
        return run(options.verb(), new DockerOpsVerbs(options, machine, clock, err))
            .print(root, options.json());
      }
      // several database commands in one call
      return new DockerOpsSteps(options, machine, clock, root, out, err, DockerOpsTool::run).run();
    }
  }

  /** A verb's report with the printer that shows it. */
  record Printed<R extends VerbReport>(R report, ToolRoot.TextPrinter<R> printer) {
    int print(ToolRoot root, boolean json) throws IOException {
      return root.print(report, json, printer);
    }
  }

  static Printed<?> run(DockerOpsVerb verb, DockerOpsVerbs verbs) throws Exception {
    return switch (verb) {
      case STATUS -> new Printed<>(verbs.status(), DockerOpsPrinters.CONTAINERS);
      case STOP, START, RESTART -> new Printed<>(verbs.change(), DockerOpsPrinters.CONTAINERS);
      case MONGO_DUMP -> new Printed<>(verbs.mongoDump(), DockerOpsPrinters.MONGO_DUMP);
      case MONGO_RESTORE -> new Printed<>(verbs.mongoRestore(), DockerOpsPrinters.MONGO_RESTORE);
      case MONGO_CHECK -> new Printed<>(verbs.mongoCheck(), DockerOpsPrinters.MONGO_CHECK);
      case INFLUX_BACKUP -> new Printed<>(verbs.influxBackup(), DockerOpsPrinters.INFLUX_BACKUP);
      case INFLUX_RESTORE -> new Printed<>(verbs.influxRestore(), DockerOpsPrinters.INFLUX_RESTORE);
      case ENSURE_PERMISSIONS ->
          new Printed<>(verbs.ensurePermissions(), DockerOpsPrinters.PERMISSIONS);
    };
  }
}
