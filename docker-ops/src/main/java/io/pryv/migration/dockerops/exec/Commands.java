package io.pryv.migration.dockerops.exec;

import io.pryv.migration.dockerops.layout.ExecMode;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the argument lists: {@code docker [-H HOST] VERB ...} for the containers, and a tool
 * command either wrapped in {@code docker exec CONTAINER} or run as is ({@code --exec local}).
 * Never a shell string.
 */
public final class Commands {
  private final PryvLayout layout;

  public Commands(PryvLayout layout) {
    this.layout = layout;
  }

  public PryvLayout layout() {
    return layout;
  }

  /** {@code docker [-H HOST] ARGS...}. */
  public List<String> docker(String... args) {
    List<String> command = new ArrayList<>();
    command.add(layout.docker());
    layout
        .dockerHost()
        .ifPresent(
            host -> {
              command.add("-H");
              command.add(host);
            });
    command.addAll(List.of(args));
    return command;
  }

  /** {@code docker exec CONTAINER TOOL...}, or {@code TOOL...} with --exec local. */
  public List<String> in(String container, List<String> tool) {
    if (layout.execMode() == ExecMode.LOCAL) {
      return List.copyOf(tool);
    }
    List<String> command = docker("exec", container);
    command.addAll(tool);
    return command;
  }

  public List<String> inMongo(List<String> tool) {
    return in(layout.mongoContainer(), tool);
  }

  public List<String> inInflux(List<String> tool) {
    return in(layout.influxContainer(), tool);
  }
}
