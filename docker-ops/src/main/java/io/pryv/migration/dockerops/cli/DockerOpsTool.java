package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.CommandBoundary;
import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.ToolVersion;
import io.pryv.migration.dockerops.containers.ContainerOps;
import io.pryv.migration.dockerops.containers.ContainerState;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.influx.InfluxBackup;
import io.pryv.migration.dockerops.influx.InfluxContext;
import io.pryv.migration.dockerops.influx.InfluxCounter;
import io.pryv.migration.dockerops.influx.InfluxRestore;
import io.pryv.migration.dockerops.mongo.DriverMongoCounter;
import io.pryv.migration.dockerops.mongo.LiveMongoCounter;
import io.pryv.migration.dockerops.mongo.MongoContext;
import io.pryv.migration.dockerops.mongo.MongoDump;
import io.pryv.migration.dockerops.mongo.MongoDumpCheck;
import io.pryv.migration.dockerops.mongo.MongoRestore;
import io.pryv.migration.dockerops.mongo.ShellMongoCounter;
import io.pryv.migration.dockerops.permissions.EnsurePermissions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/** The docker-ops command line: parses, connects (locally or over SSH), runs one command, reports. */
public final class DockerOpsTool {
  static final String NAME = "docker-ops";

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Clock clock;
  private final Function<DockerOpsOptions, Machine> connector;

  public DockerOpsTool(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    this(out, err, env, clock, options -> options.ssh()
        .map(ssh -> Machine.connect(ssh, options.timeout())).orElseGet(Machine::local));
  }

  /** With a chosen way to reach the machine (tests). */
  public DockerOpsTool(PrintStream out, PrintStream err, Map<String, String> env, Clock clock,
      Function<DockerOpsOptions, Machine> connector) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.clock = clock;
    this.connector = connector;
  }

  public int run(String[] args) {
    return CommandBoundary.run(NAME, args, err, () -> {
      DockerOpsOptions options = OptionsParser.parse(args, env);
      if (options.help()) {
        out.print(HelpText.text(OptionsParser.options()));
        return ExitCode.OK.code();
      }
      if (options.version()) {
        out.println(NAME + " " + ToolVersion.of(DockerOpsTool.class));
        return ExitCode.OK.code();
      }
      try (Machine machine = connector.apply(options)) {
        return execute(options, machine);
      }
    });
  }

  private int execute(DockerOpsOptions options, Machine machine) throws Exception {
    CommandRunner runner = new CommandRunner(machine.runner(), options.dryRun(), err, options.timeout(),
        machine.where());
    Commands commands = new Commands(options.layout());
    JsonReports json = new JsonReports(options.steps().size() > 1);
    try {
      for (String step : options.steps()) {
        json.step(step);
        int exit = step(step, options, machine, runner, commands, json);
        if (exit != ExitCode.OK.code()) {
          return exit;
        }
      }
      return ExitCode.OK.code();
    } finally {
      if (options.json()) {
        json.finish();
      }
    }
  }

  /** --json: one step's report as it is; several steps' reports in one document, in order, as far as they ran. */
  private final class JsonReports {
    private final boolean several;
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private String current = "";

    JsonReports(boolean several) {
      this.several = several;
    }

    void step(String name) {
      current = name;
    }

    void add(Object report) {
      if (several) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("command", current);
        entry.put("report", report);
        steps.add(entry);
      } else {
        JsonOutput.write(report, out);
      }
    }

    void finish() {
      if (several) {
        JsonOutput.write(Map.of("steps", steps), out);
      }
    }
  }

  private int step(String command, DockerOpsOptions options, Machine machine, CommandRunner runner,
      Commands commands, JsonReports json) throws Exception {
    switch (command) {
      case "status" -> {
        List<ContainerState> states = new ContainerOps(runner, commands).status(options.containers());
        printStates(options, states);
      }
      case "stop", "start", "restart" -> {
        List<ContainerState> states = new ContainerOps(runner, commands)
            .change(options.command(), options.containers(), options.stopTimeoutSeconds());
        if (!options.dryRun()) {
          printStates(options, states);
        }
      }
      case "mongo-dump" -> {
        MongoDump.Report report = new MongoDump(mongo(options, machine, runner, commands)).run();
        if (options.json()) {
          json.add(report);
        } else if (!report.dryRun()) {
          report.movedAsideTo().ifPresent(a -> out.println("earlier dump moved aside to " + a));
          printCounts(report.dumpCounts());
          out.println("live documents counted with " + report.liveCountedBy());
          out.println("dump of " + report.database() + " verified: " + report.totalDocuments() + " documents in "
              + report.dumpCounts().size() + " collections, live = dump; manifest " + report.manifest());
        }
      }
      case "mongo-restore" -> {
        MongoRestore.Report report = new MongoRestore(mongo(options, machine, runner, commands), options.drop()).run();
        if (options.json()) {
          json.add(report);
        } else if (!report.dryRun()) {
          printCounts(report.restored());
          out.println("live documents counted with " + report.liveCountedBy());
          out.println("restore of " + report.database() + " verified: every collection holds the "
              + report.expected().values().stream().mapToLong(Long::longValue).sum()
              + " documents of the dump manifest" + (report.drop() ? " (--drop)" : ""));
        }
      }
      case "mongo-check" -> {
        return mongoCheck(options, new MongoDumpCheck(mongo(options, machine, runner, commands)), json);
      }
      case "influx-backup" -> {
        InfluxBackup.Report report = new InfluxBackup(influx(machine, runner, commands)).run();
        if (options.json()) {
          json.add(report);
        } else if (!report.dryRun()) {
          report.movedAsideTo().ifPresent(a -> out.println("earlier backup moved aside to " + a));
          printInflux(report.databases());
          out.println("InfluxDB backup verified: " + report.databases().size() + " databases, " + report.files()
              + " files, " + report.bytes() + " bytes; counts in " + report.countsFile());
        }
      }
      case "influx-restore" -> {
        InfluxRestore.Report report = new InfluxRestore(influx(machine, runner, commands), options.influxSettle(),
            options.drop()).run();
        if (options.json()) {
          json.add(report);
        } else if (!report.dryRun()) {
          printInflux(report.restored());
          out.println("InfluxDB restore verified: " + report.restored().size()
              + " databases hold the series and points counted at backup time"
              + (report.dropped().isEmpty() ? "" : " (--drop replaced " + String.join(", ", report.dropped()) + ")"));
        }
      }
      case "ensure-permissions" -> {
        EnsurePermissions.Report report = new EnsurePermissions(runner, machine.files(), err)
            .run(options.layout().confRoot(), options.owner(), options.sudo());
        if (options.json()) {
          json.add(report);
        } else if (!report.dryRun()) {
          out.println("owner " + report.owner() + " set on " + String.join(", ", report.changed()));
        }
      }
      default -> throw new IllegalStateException(command);
    }
    return ExitCode.OK.code();
  }

  private int mongoCheck(DockerOpsOptions options, MongoDumpCheck check, JsonReports json) throws Exception {
    MongoDumpCheck.Report report = options.writeManifest() ? check.writeManifest() : check.check();
    boolean differs = !report.differences().isEmpty();
    if (options.json()) {
      json.add(report);
      return differs ? ExitCode.DIFFERENCE.code() : ExitCode.OK.code();
    }
    String counted = report.totalDocuments() + " documents in " + report.dumpCounts().size() + " collections";
    String differences = String.join("; ", report.differences());
    switch (report.outcome()) {
      case DRY_RUN -> {
        return ExitCode.OK.code();
      }
      case DIFFERS -> throw new ToolException(ExitCode.DIFFERENCE, "the dump in " + report.dumpFolder()
          + " does not match its manifest " + report.manifest() + " (incomplete or mixed copy? copy the dump"
          + " folder and its manifest again): " + differences);
      case MANIFEST_DISAGREES -> throw new ToolException(ExitCode.DIFFERENCE, report.manifest()
          + " already exists and disagrees with the dump files in " + report.dumpFolder() + ", so it was not"
          + " replaced: " + differences + ". If the files are the right dump, move the manifest aside and run"
          + " mongo-check --write-manifest again");
      default -> printCounts(report.dumpCounts());
    }
    out.println(switch (report.outcome()) {
      case MATCHES -> "dump of " + report.database() + " matches its manifest: " + counted + " (" + report.manifest()
          + ")";
      case MANIFEST_WRITTEN -> "manifest written from the dump files (no live count): " + counted + " in "
          + report.manifest();
      default -> "the manifest already at " + report.manifest() + " holds the same counts (" + counted
          + "); left unchanged";
    });
    return ExitCode.OK.code();
  }

  private MongoContext mongo(DockerOpsOptions options, Machine machine, CommandRunner runner, Commands commands) {
    LiveMongoCounter live = options.mongoUri().<LiveMongoCounter>map(DriverMongoCounter::new)
        .orElseGet(() -> new ShellMongoCounter(runner, commands));
    return new MongoContext(runner, commands, machine.files(), live, clock, err);
  }

  private InfluxContext influx(Machine machine, CommandRunner runner, Commands commands) {
    return new InfluxContext(runner, commands, machine.files(), clock, err);
  }

  private void printStates(DockerOpsOptions options, List<ContainerState> states) {
    if (options.json()) {
      JsonOutput.write(states, out);
      return;
    }
    out.printf("%-24s %-10s %-28s %s%n", "CONTAINER", "STATE", "STATUS", "IMAGE");
    for (ContainerState s : states) {
      out.printf("%-24s %-10s %-28s %s%n", s.name(), s.state(), s.status(), s.image());
    }
  }

  private void printCounts(SortedMap<String, Long> counts) {
    counts.forEach((name, n) -> out.printf("  %-32s %12d%n", name, n));
  }

  private void printInflux(SortedMap<String, InfluxCounter.Counts> counts) {
    counts.forEach((db, c) -> out.printf("  %-32s %8d series %12d points%n", db, c.series(), c.points()));
  }

  static String usage() {
    return NAME + " [OPTIONS] COMMAND [CONTAINER...]";
  }

  /** The --help text. */
  static final class HelpText {
    private HelpText() {}

    static String text(org.apache.commons.cli.Options options) {
      String description = String.join("\n",
          "Container stop/start and database dump/restore for a Pryv.io core, with proof that nothing was lost.",
          "Runs the docker CLI as argument lists (never a shell string), locally or on --host USER@HOST over SSH.",
          "",
          "Commands:",
          "  status [NAME...]        the Pryv containers (or the named ones): state, status, image",
          "  stop|start|restart NAME...  e.g. restart pryvio_nginx (applies a redirect; never run-pryv)",
          "  mongo-dump              moves an earlier dump aside (never deletes), mongodump, counts the",
          "                          documents per collection live and in the BSON files, writes",
          "                          BACKUP/DB.dump-manifest.json. Live counts use the container's",
          "                          shell, mongosh (MongoDB 6.0 images) or mongo (3.6), and say which",
          "  mongo-restore [--drop]  checks the dump against its manifest, refuses a non-empty dest",
          "                          without --drop, mongorestore, compares dest with the manifest",
          "  mongo-check             counts the documents in the dump's BSON files and compares them",
          "                          with its manifest; reads files only (no database, no docker):",
          "                          run it on dest after the transfer, before mongo-restore",
          "  mongo-check --write-manifest  writes the manifest of a dump made by hand, from its files",
          "  influx-backup           moves an earlier backup aside, influxd backup -portable, checks",
          "                          its files, writes series/points per database beside it",
          "  influx-restore [--drop] refuses a database that exists on dest without --drop (prints",
          "                          the documented way around; --drop drops it first), influxd",
          "                          restore -portable, waits for the counts",
          "  ensure-permissions      chown -R 9999:9999 CONF_ROOT/pryv CONF_ROOT/config-follower",
          "Database commands joined by commas run in order in one call (one SSH connection), each with the",
          "options that concern it, and stop at the first that fails: ensure-permissions,mongo-restore,influx-restore");
      String footer = String.join("\n",
          "Examples:",
          "  docker-ops status",
          "  docker-ops stop pryvio_nginx",
          "  docker-ops --dry-run mongo-dump",
          "  docker-ops --host ubuntu@10.0.0.2 mongo-check",
          "  docker-ops --host ubuntu@10.0.0.2 mongo-restore --drop",
          "  docker-ops --host ubuntu@10.0.0.2 influx-restore",
          "  docker-ops --exec local --influx-backup-host /srv/influx-backup influx-backup",
          "  docker-ops --host ubuntu@10.0.0.2 --drop ensure-permissions,mongo-restore,influx-restore",
          "",
          "Exit codes: 0 done and verified, 1 a count differs (dump, check, restore), 2 usage, 3 bad",
          "input (missing or incomplete backup, no manifest), 4 environment (docker, container missing",
          "or stopped, SSH, a command failed), 5 bug.");
      return CommandLineParsing.help(usage(), description, options, footer);
    }
  }
}
