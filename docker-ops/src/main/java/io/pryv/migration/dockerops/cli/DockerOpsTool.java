package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.common.VerbReport;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
                .map(host -> Machine.connect(host, options.ssh(), options.timeout()))
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
      DockerOpsVerbs verbs = new DockerOpsVerbs(options, machine, clock, err);
      if (options.steps().size() == 1) {
        return run(options.verb(), verbs).print(root, options.json());
      }
      // Several database commands in one call: text reports one after the other; --json one
      // document holding each step's report in order, as far as they ran. The first step that
      // does not end in 0 stops the call.
      List<Map<String, Object>> reports = new ArrayList<>();
      try {
        for (DockerOpsVerb verb : options.steps()) {
          Printed<?> printed = run(verb, verbs);
          int exit;
          if (options.json()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("command", verb.word());
            entry.put("report", printed.report());
            reports.add(entry);
            exit = printed.report().exitCode().code();
          } else {
            exit = printed.print(root, false);
          }
          if (exit != ExitCode.OK.code()) {
            return exit;
          }
        }
        return ExitCode.OK.code();
      } finally {
        if (options.json()) {
          JsonOutput.write(Map.of("steps", reports), out);
          out.flush();
        }
      }
    }
  }

  /** A verb's report with the printer that shows it. */
  private record Printed<R extends VerbReport>(R report, ToolRoot.TextPrinter<R> printer) {
    int print(ToolRoot root, boolean json) throws IOException {
      return root.print(report, json, printer);
    }
  }

  private static Printed<?> run(DockerOpsVerb verb, DockerOpsVerbs verbs) throws Exception {
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
