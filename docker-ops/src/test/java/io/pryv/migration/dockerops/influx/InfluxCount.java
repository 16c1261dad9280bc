package io.pryv.migration.dockerops.influx;

import java.util.List;
import java.util.OptionalLong;

/**
 * The number in the {@code count} column of what the influx 1.x client prints (column format) for a
 * {@code SELECT COUNT(...)} without GROUP BY: one series, one row, for example
 *
 * <pre>
 * name: event.e3
 * time count
 * ---- -----
 * 0    60
 * </pre>
 */
final class InfluxCount {
  private InfluxCount() {}

  /** The count, or empty when influx printed no series (no points at all); anything else fails. */
  static OptionalLong parse(String output) {
    List<String> lines =
        output.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return OptionalLong.empty();
    }
    if (lines.size() != 4 || !lines.get(0).startsWith("name: ") || !lines.get(2).matches("[- ]+")) {
      throw new AssertionError("not one series with one count row:\n" + output);
    }
    List<String> header = List.of(lines.get(1).split("\\s+"));
    String[] row = lines.get(3).split("\\s+");
    int column = header.indexOf("count");
    if (column < 0 || row.length != header.size() || !row[column].matches("\\d+")) {
      throw new AssertionError("no count column in:\n" + output);
    }
    return OptionalLong.of(Long.parseLong(row[column]));
  }

  /** The count of an output that must hold one. */
  static long of(String output) {
    return parse(output)
        .orElseThrow(() -> new AssertionError("influx printed no count:\n" + output));
  }
}
