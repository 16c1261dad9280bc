package io.pryv.migration.dockerops.influx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per database: the number of series ({@code SHOW SERIES EXACT CARDINALITY}, summed over
 * measurements) and of points ({@code SELECT COUNT(*) FROM /.*\/}: per measurement the largest
 * per-field count, summed; exact when every point of a measurement carries the same fields, as
 * Pryv's do, a lower bound otherwise).
 */
public final class InfluxCounter {

  public record Counts(long series, long points) {}

  private final InfluxCli cli;

  public InfluxCounter(InfluxCli cli) {
    this.cli = cli;
  }

  public SortedMap<String, Counts> countAll() {
    SortedMap<String, Counts> all = new TreeMap<>();
    for (String db : cli.databases()) {
      all.put(db, count(db));
    }
    return all;
  }

  /**
   * Both counts in one query (one {@code influx} run: each run is a docker exec, over SSH on dest).
   * The answers are told apart by their columns: the cardinality's is {@code count}, the points'
   * are {@code count_FIELD}, whether the CLI keeps one result per statement or one per series.
   */
  public Counts count(String database) {
    long series = 0;
    long points = 0;
    for (JsonNode s :
        cli.query(
            Optional.of(database), "SHOW SERIES EXACT CARDINALITY; SELECT COUNT(*) FROM /.*/")) {
      JsonNode columns = s.path("columns");
      boolean pointCounts = false;
      for (JsonNode column : columns) {
        pointCounts |= column.asText().startsWith("count_");
      }
      for (JsonNode row : s.path("values")) {
        if (!pointCounts) {
          series += row.path(0).asLong();
          continue;
        }
        long max = 0;
        for (int i = 0; i < columns.size(); i++) {
          if (columns.path(i).asText().startsWith("count_")) {
            max = Math.max(max, row.path(i).asLong());
          }
        }
        points += max;
      }
    }
    return new Counts(series, points);
  }

  /** "db: series 3 vs 2" lines for every database that differs; expected databases only. */
  public static java.util.List<String> differences(
      SortedMap<String, Counts> expected, SortedMap<String, Counts> actual, String actualName) {
    java.util.List<String> out = new java.util.ArrayList<>();
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
