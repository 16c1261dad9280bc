package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.ExecMode;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Which live counter a call uses: the operator's {@code --mongo-uri} (the driver there, nothing
 * else); else, for containers on this machine (docker exec, no --host, the local docker engine),
 * the driver at the mongo container's own address first and its shell if that fails ({@link
 * DriverFirstMongoCounter}); else the shell ({@link ShellMongoCounter}: over SSH, --exec local, a
 * remote docker engine, or the fast path off).
 */
public final class LiveMongoCounters {
  public static final String DEFAULT_PORT = "27017";

  private LiveMongoCounters() {}

  /**
   * @param onThisMachine no --host: the containers run where docker-ops runs
   * @param driverFirst the fast path {@code container-driver-count} is on
   */
  public static LiveMongoCounter choose(
      Optional<String> operatorUri,
      boolean onThisMachine,
      boolean driverFirst,
      CommandRunner runner,
      Commands commands,
      PrintStream log) {
    if (operatorUri.isPresent()) {
      return new DriverMongoCounter(operatorUri.get());
    }
    ShellMongoCounter shell = new ShellMongoCounter(runner, commands);
    if (!driverFirst || !onThisMachine || !localContainers(commands.layout())) {
      return shell;
    }
    return new DriverFirstMongoCounter(() -> containerDriver(runner, commands), shell, log);
  }

  /** docker exec through the local engine (no -H, or its unix socket): container IPs are local. */
  static boolean localContainers(PryvLayout layout) {
    return layout.execMode() == ExecMode.DOCKER
        && layout.dockerHost().map(host -> host.startsWith("unix://")).orElse(true);
  }

  /**
   * The driver at the mongo container's address and port ({@code --mongo-host}'s, else 27017): the
   * port mongod listens on inside the container.
   */
  static DriverFirstMongoCounter.Driver containerDriver(CommandRunner runner, Commands commands) {
    PryvLayout layout = commands.layout();
    ContainerAddress.Lookup lookup = ContainerAddress.of(runner, commands, layout.mongoContainer());
    String port = layout.mongoHostPort().map(hp -> hp[1]).orElse(DEFAULT_PORT);
    return new DriverFirstMongoCounter.Driver(
        lookup
            .address()
            .<LiveMongoCounter>map(address -> DriverMongoCounter.container(address, port)),
        lookup.reason());
  }
}
