package io.pryv.migration.verify.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.integrity.PryvJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Prints check results: a table per account and every difference with its id; or one JSON document.
 */
public final class CheckReportPrinter {
  private static final Map<String, String> ROW_NAMES =
      Map.of(
          "stream",
          "streams",
          "event",
          "events",
          "attachment",
          "attachments",
          "series",
          "series",
          "access",
          "accesses");

  private CheckReportPrinter() {}

  public static void text(List<AccountReport> reports, PrintStream out) throws IOException {
    ObjectMapper mapper = PryvJson.mapper();
    long differing = 0;
    for (AccountReport report : reports) {
      boolean identical = report.identical();
      if (!identical) {
        differing++;
      }
      out.println(
          "account "
              + report.user()
              + ": "
              + (identical
                  ? "identical"
                  : "DIFFERENT ("
                      + report.differenceCount()
                      + " difference"
                      + (report.differenceCount() == 1 ? "" : "s")
                      + ")"));
      out.printf(
          "  %-12s %9s %9s %9s %9s %9s%n", "", "expected", "found", "missing", "changed", "extra");
      for (Map.Entry<String, Counts> row : report.table().entrySet()) {
        Counts c = row.getValue();
        out.printf(
            "  %-12s %9d %9d %9d %9d %9d%n",
            ROW_NAMES.getOrDefault(row.getKey(), row.getKey()),
            c.expected,
            c.found,
            c.missing,
            c.changed,
            c.extra);
      }
      report.notes().values().forEach(note -> out.println("  note: " + note));
      try (BufferedReader reader =
          Files.newBufferedReader(report.differencesFile(), StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          out.println("  " + mapper.readValue(line, Difference.class).line());
        }
      }
    }
    out.println(
        differing == 0
            ? "check: all " + reports.size() + " account(s) identical"
            : "check: " + differing + " of " + reports.size() + " account(s) differ");
  }

  public static void json(List<AccountReport> reports, PrintStream out) throws IOException {
    ObjectMapper mapper = PryvJson.mapper();
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode accounts = root.putArray("accounts");
    boolean allIdentical = true;
    for (AccountReport report : reports) {
      allIdentical &= report.identical();
      ObjectNode account = accounts.addObject();
      account.put("user", report.user()).put("identical", report.identical());
      ObjectNode table = account.putObject("table");
      report
          .table()
          .forEach(
              (kind, c) ->
                  table
                      .putObject(ROW_NAMES.getOrDefault(kind, kind))
                      .put("expected", c.expected)
                      .put("found", c.found)
                      .put("missing", c.missing)
                      .put("changed", c.changed)
                      .put("extra", c.extra));
      ObjectNode notes = account.putObject("notes");
      report.notes().forEach(notes::put);
      ArrayNode differences = account.putArray("differences");
      try (BufferedReader reader =
          Files.newBufferedReader(report.differencesFile(), StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          differences.add(mapper.readTree(line));
        }
      }
    }
    root.put("identical", allIdentical);
    JsonOutput.write(root, out);
  }
}
