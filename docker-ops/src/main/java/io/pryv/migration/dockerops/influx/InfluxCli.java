package io.pryv.migration.dockerops.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Queries through the {@code influx} command line client next to influxd ({@code docker exec
 * pryvio_influxdb /usr/bin/influx -format json -execute ...}): works in the container, locally and
 * over SSH alike.
 */
public final class InfluxCli {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The longest statement text for one run: the whole command line (one argument of {@code sh -c}
   * over SSH) must stay under Linux's 128 KiB per argument, and a core has one database per user.
   */
  static final int MAX_STATEMENTS_CHARS = 60_000;

  private final CommandRunner runner;
  private final Commands commands;

  public InfluxCli(CommandRunner runner, Commands commands) {
    this.runner = runner;
    this.commands = commands;
  }

  public List<String> command(Optional<String> database, String statement) {
    PryvLayout layout = commands.layout();
    List<String> tool = new ArrayList<>(List.of(layout.influx()));
    layout.influxHttp().ifPresent(hp -> tool.addAll(List.of("-host", hp[0], "-port", hp[1])));
    tool.addAll(List.of("-format", "json"));
    database.ifPresent(db -> tool.addAll(List.of("-database", db)));
    tool.addAll(List.of("-execute", statement));
    return commands.inInflux(tool);
  }

  /**
   * Every series the statement returned (InfluxDB splits a multi-measurement answer over several
   * results), or an error carrying InfluxDB's own message.
   */
  public List<JsonNode> query(Optional<String> database, String statement) {
    ProcessRunner.Result result = runner.queryAllowingFailure(command(database, statement));
    JsonNode node = parse(result.stdout());
    JsonNode results = node == null ? null : node.get("results");
    if (results != null) {
      for (JsonNode r : results) {
        if (r.has("error")) {
          throw new InfluxQueryException(r.get("error").asText());
        }
      }
    }
    if (!result.succeeded() || results == null) {
      String text = (result.stderr() + " " + result.stdout()).strip();
      if (text.contains("shard is disabled") || text.contains("engine is closed")) {
        throw new InfluxQueryException(text);
      }
      throw runner.failure(result);
    }
    List<JsonNode> series = new ArrayList<>();
    for (JsonNode r : results) {
      r.path("series").forEach(series::add);
    }
    return series;
  }

  private static JsonNode parse(String stdout) {
    for (String line : stdout.strip().split("\n")) {
      if (line.startsWith("{")) {
        try {
          return JSON.readTree(line);
        } catch (IOException e) {
          throw ToolException.environment("influx printed unreadable JSON: " + line);
        }
      }
    }
    return null;
  }

  /** Every database except {@code _internal}. */
  public List<String> databases() {
    List<String> names = new ArrayList<>();
    for (JsonNode row :
        query(Optional.empty(), "SHOW DATABASES").stream()
            .findFirst()
            .map(n -> n.path("values"))
            .orElse(JSON.createArrayNode())) {
      String name = row.path(0).asText();
      if (!name.equals("_internal")) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  /** {@code "NAME"}: a database name quoted as an InfluxQL identifier. */
  public static String identifier(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * The items in order, cut into runs whose statements ({@code statements} of each, joined with ";
   * ") stay under {@code maxChars}; at least one run, maybe empty.
   */
  static <T> List<List<T>> batches(
      java.util.Collection<T> items,
      java.util.function.Function<T, String> statements,
      int maxChars) {
    List<List<T>> batches = new ArrayList<>();
    List<T> batch = new ArrayList<>();
    int chars = 0;
    for (T item : items) {
      int length = statements.apply(item).length() + 2;
      if (!batch.isEmpty() && chars + length > maxChars) {
        batches.add(batch);
        batch = new ArrayList<>();
        chars = 0;
      }
      batch.add(item);
      chars += length;
    }
    if (!batch.isEmpty() || batches.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  /** An error InfluxDB answered (database not found, shard disabled...). */
  public static final class InfluxQueryException extends ToolException {
    private static final long serialVersionUID = 1L;

    InfluxQueryException(String message) {
      super(io.pryv.migration.common.ExitCode.ENVIRONMENT, "InfluxDB answered: " + message);
    }
  }
}
