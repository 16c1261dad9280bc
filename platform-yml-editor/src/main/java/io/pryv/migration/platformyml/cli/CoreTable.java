package io.pryv.migration.platformyml.cli;

import io.pryv.migration.platformyml.cores.CoreEntry;
import java.util.ArrayList;
import java.util.List;

/** The aligned text table printed by {@code list-cores}. */
final class CoreTable {
  private CoreTable() {}

  static String render(List<CoreEntry> entries) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"HOSTING", "CORE", "IP", "LINE"});
    for (CoreEntry entry : entries) {
      rows.add(
          new String[] {
            entry.hosting(),
            entry.core(),
            entry.ip() == null ? "-" : entry.ip(),
            Integer.toString(entry.line())
          });
    }
    int[] widths = new int[3];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.append(row[3]).append('\n');
    }
    return out.toString();
  }
}
