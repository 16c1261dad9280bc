package io.pryv.migration.verify.snapshot;

import io.pryv.migration.verify.api.RetryPolicy;
import java.io.PrintStream;
import java.time.Duration;

/**
 * How long to wait for series events that the core has not rewritten yet. A Pryv.io core's metadata
 * updater rewrites a series event ({@code duration}, {@code modified}, {@code modifiedBy}, {@code
 * integrity}) about 10 s after the last points write; until then the event's {@code duration} does
 * not cover its points. A record taken before that rewrite goes stale by itself.
 *
 * @param bound the longest wait; zero to record the events as they are
 * @param sleeper waits between polls
 * @param progress where the progress and warning lines go (stderr)
 * @param command the command that waits ({@code seed}, {@code snapshot}), to start those lines
 */
public record Settling(
    Duration bound, RetryPolicy.Sleeper sleeper, PrintStream progress, String command) {
  /**
   * Time between two reads of an unsettled event (the core's updater looks for due updates every
   * 500 ms).
   */
  static final Duration POLL = Duration.ofMillis(500);

  /** No waiting, no lines: {@code check} compares what dest holds now. */
  public static Settling none() {
    return new Settling(Duration.ZERO, duration -> {}, null, null);
  }

  boolean waits() {
    return !bound.isZero() && progress != null;
  }

  void say(String line) {
    if (progress != null) {
      progress.println(command + ": " + line);
      progress.flush();
    }
  }

  /** A duration as an operator writes it: 30 s, 1.5 s, 2 min. */
  public static String describe(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 60_000 == 0 && millis >= 60_000) {
      return millis / 60_000 + " min";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
