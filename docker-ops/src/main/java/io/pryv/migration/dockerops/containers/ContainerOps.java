package io.pryv.migration.dockerops.containers;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code status}, {@code stop}, {@code start}, {@code restart} of named containers through the
 * docker CLI. After a change every container is inspected again: the command reports the state it
 * verified, not what docker printed.
 */
public final class ContainerOps {
  private static final String FORMAT = "{{.Names}}\t{{.State}}\t{{.Status}}\t{{.Image}}";

  private final CommandRunner runner;
  private final Commands commands;

  public ContainerOps(CommandRunner runner, Commands commands) {
    this.runner = runner;
    this.commands = commands;
  }

  public List<String> psCommand() {
    return commands.docker("ps", "-a", "--no-trunc", "--format", FORMAT);
  }

  /**
   * The named containers (absent ones included, in the order given), or with no names every Pryv
   * core container plus any other container whose name starts with {@code pryvio_}.
   */
  public List<ContainerState> status(List<String> names) {
    ProcessRunner.Result result = runner.query(psCommand());
    Map<String, ContainerState> all = new LinkedHashMap<>();
    for (String line : result.stdout().split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length >= 4) {
        for (String name : f[0].split(",")) {
          all.put(name, new ContainerState(name, f[1], f[2], f[3]));
        }
      }
    }
    List<String> wanted = new ArrayList<>(names);
    if (wanted.isEmpty()) {
      wanted.addAll(PryvLayout.CORE_CONTAINERS);
      all.keySet().stream()
          .filter(n -> n.startsWith("pryvio_") && !wanted.contains(n))
          .sorted()
          .forEach(wanted::add);
    }
    List<ContainerState> out = new ArrayList<>();
    for (String name : wanted) {
      out.add(all.getOrDefault(name, new ContainerState(name, ContainerState.ABSENT, "", "")));
    }
    return out;
  }

  /** {@code docker stop|start|restart [-t N] NAMES...} then checks each container's state. */
  public List<ContainerState> change(
      String verb, List<String> names, OptionalInt stopTimeoutSeconds) {
    if (names.isEmpty()) {
      throw ToolException.usage(
          verb
              + " needs one or more container names (e.g. "
              + verb
              + " "
              + PryvLayout.DEFAULT_NGINX_CONTAINER
              + ")");
    }
    List<String> command = new ArrayList<>(commands.docker(verb));
    if (!verb.equals("start")) {
      stopTimeoutSeconds.ifPresent(t -> command.addAll(List.of("-t", Integer.toString(t))));
    }
    command.addAll(names);
    if (runner.dryRun()) {
      runner.run(command);
      return List.of();
    }
    List<ContainerState> before = status(names);
    List<String> absent =
        before.stream()
            .filter(s -> s.state().equals(ContainerState.ABSENT))
            .map(ContainerState::name)
            .toList();
    if (!absent.isEmpty()) {
      throw ToolException.environment(
          "container"
              + (absent.size() > 1 ? "s " : " ")
              + String.join(", ", absent)
              + (absent.size() > 1 ? " do" : " does")
              + " not exist"
              + runner.where()
              + " (docker-ops status lists the Pryv containers); nothing was changed");
    }
    runner.run(command);
    List<ContainerState> after = status(names);
    boolean wantRunning = !verb.equals("stop");
    List<String> wrong =
        after.stream()
            .filter(s -> s.running() != wantRunning)
            .map(s -> s.name() + " is " + s.state() + " (" + s.status() + ")")
            .toList();
    if (!wrong.isEmpty()) {
      throw ToolException.environment(
          "docker " + verb + " returned but " + String.join(", ", wrong) + runner.where());
    }
    return after;
  }
}
