package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.ExecMode;
import io.pryv.migration.dockerops.layout.PryvLayout;
import io.pryv.migration.ssh.PortForward;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Which live counter a call uses: the operator's {@code --mongo-uri} (the driver there, nothing
 * else); else, for containers of the machine's own docker engine (docker exec, the local engine),
 * the driver at the mongo container's own address first and its shell if that fails ({@link
 * DriverFirstMongoCounter}): directly on this machine, through a port forward over the SSH
 * connection with {@code --host}; else the shell ({@link ShellMongoCounter}: --exec local, a remote
 * docker engine, or the fast path off).
 */
public final class LiveMongoCounters {
  public static final String DEFAULT_PORT = "27017";

  /** How this machine reaches an address and port on the {@code --host}: the SSH connection's. */
  @FunctionalInterface
  public interface Forwarding {
    PortForward forward(String address, int port);
  }

  private LiveMongoCounters() {}

  /**
   * @param overSsh empty without --host (the containers run where docker-ops runs); else how to
   *     reach the host's container addresses
   * @param driverFirst the fast path {@code container-driver-count} is on
   */
  public static LiveMongoCounter choose(
      Optional<String> operatorUri,
      Optional<Forwarding> overSsh,
      boolean driverFirst,
      CommandRunner runner,
      Commands commands,
      PrintStream log) {
    if (operatorUri.isPresent()) {
      return new DriverMongoCounter(operatorUri.get());
    }
    ShellMongoCounter shell = new ShellMongoCounter(runner, commands);
    if (!driverFirst || !localContainers(commands.layout())) {
      return shell;
    }
    return new DriverFirstMongoCounter(
        () ->
            overSsh
                .map(forwarding -> forwardedDriver(runner, commands, forwarding))
                .orElseGet(() -> containerDriver(runner, commands)),
        shell,
        log);
  }

  /**
   * docker exec through the machine's own engine (no -H, or its unix socket): container IPs are
   * that machine's.
   */
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

  /**
   * Over {@code --host}: the container's address from {@code docker inspect} on the host, a local
   * port forward to it over the SSH connection, the driver at the forward (a forward that cannot be
   * set up throws: the shell counts).
   */
  static DriverFirstMongoCounter.Driver forwardedDriver(
      CommandRunner runner, Commands commands, Forwarding forwarding) {
    PryvLayout layout = commands.layout();
    ContainerAddress.Lookup lookup = ContainerAddress.of(runner, commands, layout.mongoContainer());
    String port = layout.mongoHostPort().map(hp -> hp[1]).orElse(DEFAULT_PORT);
    if (lookup.address().isEmpty()) {
      return new DriverFirstMongoCounter.Driver(Optional.empty(), lookup.reason());
    }
    String address = lookup.address().get();
    PortForward forward = forwarding.forward(address, Integer.parseInt(port));
    return new DriverFirstMongoCounter.Driver(
        Optional.of(new ForwardedMongoCounter(forward, address, port)), "");
  }
}
