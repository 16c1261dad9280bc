package io.pryv.migration.verify.check;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of checking one account: the table, notes, and the differences (kept in a file, they
 * can be many).
 */
public final class AccountReport {
  public static final String[] KINDS = {"stream", "event", "attachment", "series", "access"};

  private final String user;
  private final Map<String, Counts> table = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();
  private final Path differences;
  private long differenceCount;

  AccountReport(String user, Path differences) {
    this.user = user;
    this.differences = differences;
    for (String kind : KINDS) {
      table.put(kind, new Counts());
    }
  }

  public String user() {
    return user;
  }

  public Map<String, Counts> table() {
    return table;
  }

  public Counts row(String kind) {
    return table.computeIfAbsent(kind, k -> new Counts());
  }

  public Map<String, String> notes() {
    return notes;
  }

  public void note(String key, String text) {
    notes.put(key, text);
  }

  public Path differencesFile() {
    return differences;
  }

  public long differenceCount() {
    return differenceCount;
  }

  void differenceCount(long count) {
    this.differenceCount = count;
  }

  public boolean identical() {
    return differenceCount == 0 && table.values().stream().allMatch(Counts::identical);
  }
}
