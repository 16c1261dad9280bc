package io.pryv.migration.dockerops.files;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.ShellQuote;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Empties a backup folder before a new dump WITHOUT deleting anything: its entries move to a
 * sibling folder {@code BACKUP.aside-YYYYMMDDTHHMMSSZ} (outside the folder the restore reads,
 * outside the container mount). The folder itself stays (it is a bind mount target).
 */
public final class MoveAside {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final HostFiles files;
  private final Clock clock;
  private final PrintStream log;

  public MoveAside(HostFiles files, Clock clock, PrintStream log) {
    this.files = files;
    this.clock = clock;
    this.log = log;
  }

  /** What would move: the entries of {@code folder} (empty when there is nothing or no folder). */
  public List<String> entries(String folder) throws IOException {
    if (!files.exists(folder)) {
      return List.of();
    }
    if (!files.isDirectory(folder)) {
      throw ToolException.badInput("backup folder " + folder + " is not a folder");
    }
    return files.list(folder);
  }

  /**
   * Moves every entry of {@code folder} into a new aside folder, saying what moves; returns that
   * folder, or empty when there was nothing to move. With {@code dryRun} only says it.
   */
  public Optional<String> moveAside(String folder, boolean dryRun) throws IOException {
    List<String> entries = entries(folder);
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    String aside = folder + ".aside-" + STAMP.format(clock.instant());
    for (int n = 2; files.exists(aside); n++) {
      aside = folder + ".aside-" + STAMP.format(clock.instant()) + "-" + n;
    }
    log.println(
        (dryRun ? "would move" : "moving")
            + " the earlier backup in "
            + folder
            + " aside to "
            + aside
            + " (nothing is deleted): "
            + String.join(", ", entries));
    if (dryRun) {
      return Optional.of(aside);
    }
    files.createDirectories(aside);
    for (String entry : entries) {
      files.move(folder + "/" + entry, aside + "/" + entry);
    }
    if (!files.list(folder).isEmpty()) {
      throw ToolException.environment(
          "could not empty " + folder + ": still holds " + ShellQuote.join(files.list(folder)));
    }
    return Optional.of(aside);
  }
}
