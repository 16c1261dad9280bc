package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.dockerops.containers.ContainersReport;
import io.pryv.migration.dockerops.influx.InfluxBackup;
import io.pryv.migration.dockerops.influx.InfluxRestore;
import io.pryv.migration.dockerops.mongo.MongoDump;
import io.pryv.migration.dockerops.mongo.MongoDumpCheck;
import io.pryv.migration.dockerops.mongo.MongoRestore;
import io.pryv.migration.dockerops.permissions.EnsurePermissions;
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
        return step(options.verb(), verbs, options.json());
      }
      // Several database commands in one call: text reports one after the other; --json one
      // document holding
      // each step's report in order, as far as they ran; the first step that does not end in 0
      // stops the call.
      List<Map<String, Object>> reports = new ArrayList<>();
      try {
        for (DockerOpsVerb verb : options.steps()) {
          VerbReport report = report(verb, verbs);
          int exit;
          if (options.json()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("command", verb.word());
            entry.put("report", report);
            reports.add(entry);
            exit = report.exitCode().code();
          } else {
            exit = print(verb, report, false);
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

  private int step(DockerOpsVerb verb, DockerOpsVerbs verbs, boolean json) throws Exception {
    return print(verb, report(verb, verbs), json);
  }

  private static VerbReport report(DockerOpsVerb verb, DockerOpsVerbs verbs) throws Exception {
    return switch (verb) {
      case STATUS -> verbs.status();
      case STOP, START, RESTART -> verbs.change();
      case MONGO_DUMP -> verbs.mongoDump();
      case MONGO_RESTORE -> verbs.mongoRestore();
      case MONGO_CHECK -> verbs.mongoCheck();
      case INFLUX_BACKUP -> verbs.influxBackup();
      case INFLUX_RESTORE -> verbs.influxRestore();
      case ENSURE_PERMISSIONS -> verbs.ensurePermissions();
    };
  }

  private int print(DockerOpsVerb verb, VerbReport report, boolean json) throws IOException {
    return switch (verb) {
      case STATUS, STOP, START, RESTART ->
          root.print((ContainersReport) report, json, DockerOpsPrinters.CONTAINERS);
      case MONGO_DUMP -> root.print((MongoDump.Report) report, json, DockerOpsPrinters.MONGO_DUMP);
      case MONGO_RESTORE ->
          root.print((MongoRestore.Report) report, json, DockerOpsPrinters.MONGO_RESTORE);
      case MONGO_CHECK ->
          root.print((MongoDumpCheck.Report) report, json, DockerOpsPrinters.MONGO_CHECK);
      case INFLUX_BACKUP ->
          root.print((InfluxBackup.Report) report, json, DockerOpsPrinters.INFLUX_BACKUP);
      case INFLUX_RESTORE ->
          root.print((InfluxRestore.Report) report, json, DockerOpsPrinters.INFLUX_RESTORE);
      case ENSURE_PERMISSIONS ->
          root.print((EnsurePermissions.Report) report, json, DockerOpsPrinters.PERMISSIONS);
    };
  }
}
