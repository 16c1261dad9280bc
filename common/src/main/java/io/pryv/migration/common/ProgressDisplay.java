package io.pryv.migration.common;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar on stderr (items, bytes, rate, ETA), redrawn at most a few times a
 * second. Quiet when stderr is not a terminal, so logs and scripts see nothing. Thread-safe:
 * workers may report concurrently.
 */
public final class ProgressDisplay implements AutoCloseable {
  private static final long REDRAW_MILLIS = 200;
  private static final int BAR_WIDTH = 24;

  private final PrintStream err;
  private final boolean enabled;
  private final Clock clock;
  private final String label;
  private final long totalItems;
  private final long totalBytes;
  private final long startMillis;
  private long items;
  private long bytes;
  private long lastDrawMillis;
  private boolean drawn;

  public ProgressDisplay(
      PrintStream err,
      boolean enabled,
      Clock clock,
      String label,
      long totalItems,
      long totalBytes) {
    this.err = err;
    this.enabled = enabled;
    this.clock = clock;
    this.label = label;
    this.totalItems = totalItems;
    this.totalBytes = totalBytes;
    this.startMillis = clock.millis();
  }

  /** True when this process's stderr (and stdout) is attached to a terminal. */
  public static boolean stderrIsTerminal() {
    return System.console() != null;
  }

  public synchronized void addBytes(long count) {
    bytes += count;
    maybeDraw(false);
  }

  public synchronized void itemDone() {
    items++;
    maybeDraw(false);
  }

  private void maybeDraw(boolean force) {
    if (!enabled) {
      return;
    }
    long now = clock.millis();
    if (!force && now - lastDrawMillis < REDRAW_MILLIS) {
      return;
    }
    lastDrawMillis = now;
    err.print("\r" + line(now) + "\u001b[K");
    err.flush();
    drawn = true;
  }

  /** The text of the bar at a given time; package-visible for tests. */
  synchronized String line(long nowMillis) {
    double seconds = Math.max(0.001, (nowMillis - startMillis) / 1000.0);
    double rate = bytes / seconds;
    double fraction =
        totalBytes > 0
            ? Math.min(1.0, (double) bytes / totalBytes)
            : totalItems > 0 ? Math.min(1.0, (double) items / totalItems) : 0;
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
    String eta = "--:--";
    if (rate > 0 && totalBytes > bytes) {
      eta = formatDuration(Duration.ofSeconds((long) ((totalBytes - bytes) / rate)));
    } else if (fraction >= 1.0) {
      eta = "00:00";
    }
    return String.format(
        Locale.ROOT,
        "%s [%s] %3d%% %d/%d files %s/%s %s/s ETA %s",
        label,
        bar,
        (int) (fraction * 100),
        items,
        totalItems,
        formatBytes(bytes),
        formatBytes(totalBytes),
        formatBytes((long) rate),
        eta);
  }

  @Override
  public synchronized void close() {
    if (enabled) {
      maybeDraw(true);
      if (drawn) {
        err.println();
      }
    }
  }

  public static String formatBytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  public static String formatDuration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds >= 3600) {
      return String.format(
          Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }
}
