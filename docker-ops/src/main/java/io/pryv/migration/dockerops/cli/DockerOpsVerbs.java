package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.FastPath;
import io.pryv.migration.dockerops.containers.ContainerOps;
import io.pryv.migration.dockerops.containers.ContainersReport;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.influx.InfluxBackup;
import io.pryv.migration.dockerops.influx.InfluxContext;
import io.pryv.migration.dockerops.influx.InfluxRestore;
import io.pryv.migration.dockerops.mongo.LiveMongoCounter;
import io.pryv.migration.dockerops.mongo.LiveMongoCounters;
import io.pryv.migration.dockerops.mongo.MongoContext;
import io.pryv.migration.dockerops.mongo.MongoDump;
import io.pryv.migration.dockerops.mongo.MongoDumpCheck;
import io.pryv.migration.dockerops.mongo.MongoRestore;
import io.pryv.migration.dockerops.permissions.EnsurePermissions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Builds each verb's class on one machine from the options and runs it: {@link ContainerOps},
 * {@link MongoDump}, {@link MongoRestore}, {@link MongoDumpCheck}, {@link InfluxBackup}, {@link
 * InfluxRestore}, {@link EnsurePermissions}. Each returns its report; printing is {@link
 * DockerOpsPrinters}' job.
 */
final class DockerOpsVerbs {
  private final DockerOpsOptions options;
  private final Machine machine;
  private final Clock clock;
  private final PrintStream log;
  private final CommandRunner runner;
  private final Commands commands;

  /**
   * @param log where the verbs say what they do (stderr)
   */
  DockerOpsVerbs(DockerOpsOptions options, Machine machine, Clock clock, PrintStream log) {
    this.options = options;
    this.machine = machine;
    this.clock = clock;
    this.log = log;
    this.runner =
        new CommandRunner(
            machine.runner(), options.dryRun(), log, options.timeout(), machine.where());
    this.commands = new Commands(options.layout());
  }

  ContainersReport status() {
    return new ContainersReport(
        new ContainerOps(runner, commands).status(options.containers()), false);
  }

  /** stop, start or restart. */
  ContainersReport change() {
    return new ContainersReport(
        new ContainerOps(runner, commands)
            .change(options.verb().word(), options.containers(), options.stopTimeoutSeconds()),
        options.dryRun());
  }

  MongoDump.Report mongoDump() throws IOException {
    return new MongoDump(mongo()).run();
  }

  MongoRestore.Report mongoRestore() throws IOException {
    return new MongoRestore(mongo(), options.drop()).run();
  }

  MongoDumpCheck.Report mongoCheck() throws IOException {
    MongoDumpCheck check = new MongoDumpCheck(mongo());
    return options.writeManifest() ? check.writeManifest() : check.check();
  }

  InfluxBackup.Report influxBackup() throws IOException {
    return new InfluxBackup(influx()).run();
  }

  InfluxRestore.Report influxRestore() throws IOException, InterruptedException {
    return new InfluxRestore(influx(), options.influxSettle(), options.drop()).run();
  }

  EnsurePermissions.Report ensurePermissions() throws IOException {
    return new EnsurePermissions(runner, machine.files(), log)
        .run(options.layout().confRoot(), options.owner(), options.sudo());
  }

  private MongoContext mongo() {
    LiveMongoCounter live =
        LiveMongoCounters.choose(
            options.mongoUri(),
            options.host().isEmpty(),
            FastPath.CONTAINER_DRIVER_COUNT.on(),
            runner,
            commands,
            log);
    return new MongoContext(runner, commands, machine.files(), live, clock, log);
  }

  private InfluxContext influx() {
    return new InfluxContext(runner, commands, machine.files(), clock, log);
  }
}
