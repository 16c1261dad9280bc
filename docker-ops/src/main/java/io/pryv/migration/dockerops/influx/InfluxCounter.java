package io.pryv.migration.dockerops.influx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per database: the number of series ({@code SHOW SERIES EXACT CARDINALITY}, summed over
 * measurements) and of points ({@code SELECT COUNT(*)}: per measurement the largest per-field
 * count, summed; exact when every point of a measurement carries the same fields, as Pryv's do, a
 * lower bound otherwise). Every database is counted in one {@code influx} run (each run is a
 * program start and a docker exec, over SSH on dest), with qualified names: {@code SHOW SERIES
 * EXACT CARDINALITY ON "DB"} and {@code SELECT COUNT(*) FROM "DB"../.*\/}.
 */
public final class InfluxCounter {

  public record Counts(long series, long points) {}

  /** The database list and the counts of the databases asked for, from one answer. */
  public record Snapshot(List<String> databases, SortedMap<String, Counts> counts) {}

  private final InfluxCli cli;

  public InfluxCounter(InfluxCli cli) {
    this.cli = cli;
  }

  /** SHOW DATABASES, then every database counted in one more run: two influx runs. */
  public SortedMap<String, Counts> countAll() {
    return count(cli.databases()).counts();
  }

  /**
   * One influx run (more only past {@link InfluxCli#MAX_STATEMENTS_CHARS} of statements): {@code
   * SHOW DATABASES}, then per database {@code SHOW RETENTION POLICIES ON "DB"} (its answer, one
   * series whatever the database holds, marks where the database's answers start: the influx client
   * splits a statement's answer into one result per series and drops the statement ids), {@code
   * SHOW SERIES EXACT CARDINALITY ON "DB"} (column {@code count}) and {@code SELECT COUNT(*) FROM
   * "DB"../.*\/} (columns {@code count_FIELD}). When the answer does not split into one part per
   * database, each database of that run is counted alone.
   */
  public Snapshot count(Collection<String> databases) {
    List<String> names = new ArrayList<>();
    SortedMap<String, Counts> counts = new TreeMap<>();
    List<List<String>> batches =
        InfluxCli.batches(databases, InfluxCounter::statementsFor, InfluxCli.MAX_STATEMENTS_CHARS);
    for (int b = 0; b < batches.size(); b++) {
      List<String> batch = batches.get(b);
      boolean first = b == 0;
      StringBuilder statements = new StringBuilder(first ? "SHOW DATABASES" : "");
      for (String db : batch) {
        statements.append(statements.length() > 0 ? "; " : "").append(statementsFor(db));
      }
      List<JsonNode> series = cli.query(Optional.empty(), statements.toString());
      int at = 0;
      if (first) {
        for (; at < series.size() && isDatabaseList(series.get(at)); at++) {
          series.get(at).path("values").forEach(row -> names.add(row.path(0).asText()));
        }
      }
      Optional<List<Counts>> split = split(series.subList(at, series.size()), batch.size());
      for (int i = 0; i < batch.size(); i++) {
        String db = batch.get(i);
        counts.put(db, split.isPresent() ? split.get().get(i) : count(db));
      }
    }
    names.remove("_internal");
    names.sort(null);
    return new Snapshot(List.copyOf(names), counts);
  }

  /** The three statements of one database, its name quoted as an InfluxQL identifier. */
  static String statementsFor(String database) {
    String db = InfluxCli.identifier(database);
    return "SHOW RETENTION POLICIES ON "
        + db
        + "; SHOW SERIES EXACT CARDINALITY ON "
        + db
        + "; SELECT COUNT(*) FROM "
        + db
        + "../.*/";
  }

  private static boolean isDatabaseList(JsonNode series) {
    return series.path("name").asText().equals("databases")
        && columns(series).equals(List.of("name"));
  }

  private static boolean isRetentionPolicies(JsonNode series) {
    return columns(series).contains("shardGroupDuration");
  }

  /**
   * The answers cut at each retention-policy list: one part per database, or empty when the parts
   * are not as many as the databases or hold something else than the two counts.
   */
  static Optional<List<Counts>> split(List<JsonNode> series, int databases) {
    List<long[]> parts = new ArrayList<>(); // {series, points} per database
    for (JsonNode s : series) {
      if (isRetentionPolicies(s)) {
        parts.add(new long[2]);
        continue;
      }
      if (parts.isEmpty()) {
        return Optional.empty(); // counts before the first marker
      }
      long[] part = parts.get(parts.size() - 1);
      List<String> columns = columns(s);
      if (columns.equals(List.of("count"))) {
        for (JsonNode row : s.path("values")) {
          part[0] += row.path(0).asLong();
        }
      } else if (columns.stream().anyMatch(c -> c.startsWith("count_"))) {
        part[1] += points(s);
      } else {
        return Optional.empty();
      }
    }
    if (parts.size() != databases) {
      return Optional.empty();
    }
    return Optional.of(parts.stream().map(p -> new Counts(p[0], p[1])).toList());
  }

  /**
   * One database alone ({@code -database DB}, both counts in one run): the way when a combined
   * answer cannot be split.
   */
  public Counts count(String database) {
    long series = 0;
    long points = 0;
    for (JsonNode s :
        cli.query(
            Optional.of(database), "SHOW SERIES EXACT CARDINALITY; SELECT COUNT(*) FROM /.*/")) {
      if (columns(s).stream().anyMatch(c -> c.startsWith("count_"))) {
        points += points(s);
      } else {
        for (JsonNode row : s.path("values")) {
          series += row.path(0).asLong();
        }
      }
    }
    return new Counts(series, points);
  }

  /** Per row (one per measurement) the largest of the count_FIELD columns, summed. */
  private static long points(JsonNode series) {
    List<String> columns = columns(series);
    long sum = 0;
    for (JsonNode row : series.path("values")) {
      long max = 0;
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).startsWith("count_")) {
          max = Math.max(max, row.path(i).asLong());
        }
      }
      sum += max;
    }
    return sum;
  }

  private static List<String> columns(JsonNode series) {
    List<String> columns = new ArrayList<>();
    series.path("columns").forEach(c -> columns.add(c.asText()));
    return columns;
  }

  /** "db: series 3 vs 2" lines for every database that differs; expected databases only. */
  public static List<String> differences(
      SortedMap<String, Counts> expected, SortedMap<String, Counts> actual, String actualName) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Counts> e : expected.entrySet()) {
      Counts got = actual.get(e.getKey());
      if (got == null) {
        out.add(e.getKey() + ": missing in " + actualName);
      } else if (!got.equals(e.getValue())) {
        out.add(
            e.getKey()
                + ": "
                + e.getValue().series()
                + " series / "
                + e.getValue().points()
                + " points in the backup, "
                + got.series()
                + " / "
                + got.points()
                + " in "
                + actualName);
      }
    }
    return out;
  }
}
