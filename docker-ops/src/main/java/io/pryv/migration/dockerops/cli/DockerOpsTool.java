package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ToolRoot;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/** The docker-ops command line: parses, reaches the machine (locally or over SSH), runs one verb, prints its report. */
public final class DockerOpsTool {
  static final String NAME = "docker-ops";

  private final ToolRoot root;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Clock clock;
  private final Function<DockerOpsOptions, Machine> connector;

  public DockerOpsTool(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    this(out, err, env, clock, options -> options.host()
        .map(host -> Machine.connect(host, options.ssh(), options.timeout())).orElseGet(Machine::local));
  }

  /** With a chosen way to reach the machine (tests). */
  public DockerOpsTool(PrintStream out, PrintStream err, Map<String, String> env, Clock clock,
      Function<DockerOpsOptions, Machine> connector) {
    this.root = new ToolRoot(NAME, DockerOpsTool.class, out, err);
    this.err = err;
    this.env = env;
    this.clock = clock;
    this.connector = connector;
  }

  public int run(String[] args) {
    return root.run(args, a -> DockerOpsOptionsParser.parse(a, env), DockerOpsHelp::text, this::dispatch);
  }

  private int dispatch(DockerOpsOptions options) throws Exception {
    try (Machine machine = connector.apply(options)) {
      DockerOpsVerbs verbs = new DockerOpsVerbs(options, machine, clock, err);
      boolean json = options.json();
      return switch (options.verb()) {
        case STATUS -> root.print(verbs.status(), json, DockerOpsPrinters.CONTAINERS);
        case STOP, START, RESTART -> root.print(verbs.change(), json, DockerOpsPrinters.CONTAINERS);
        case MONGO_DUMP -> root.print(verbs.mongoDump(), json, DockerOpsPrinters.MONGO_DUMP);
        case MONGO_RESTORE -> root.print(verbs.mongoRestore(), json, DockerOpsPrinters.MONGO_RESTORE);
        case MONGO_CHECK -> root.print(verbs.mongoCheck(), json, DockerOpsPrinters.MONGO_CHECK);
        case INFLUX_BACKUP -> root.print(verbs.influxBackup(), json, DockerOpsPrinters.INFLUX_BACKUP);
        case INFLUX_RESTORE -> root.print(verbs.influxRestore(), json, DockerOpsPrinters.INFLUX_RESTORE);
        case ENSURE_PERMISSIONS -> root.print(verbs.ensurePermissions(), json, DockerOpsPrinters.PERMISSIONS);
      };
    }
  }
}
