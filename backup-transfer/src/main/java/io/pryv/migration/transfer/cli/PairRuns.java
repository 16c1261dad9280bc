package io.pryv.migration.transfer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs the SRC DEST pairs of one call, side by side on a few threads or one after the other, and
 * hands back their outcomes in the order of the arguments, each as soon as it and the pairs before
 * it are done. A pair that fails does not stop the others.
 */
final class PairRuns {
  /**
   * Pairs at once, at most: each holds its listings, plan and up to two SSH channels at a time, so
   * 4 stay under OpenSSH's default MaxSessions (10 channels per connection) and the heap holds 4
   * pairs' buffers, not as many as the arguments name.
   */
  static final int MOST_AT_ONCE = 4;

  /** One pair's work. */
  @FunctionalInterface
  interface Work<R> {
    R run(int pair) throws Exception;
  }

  /** A pair's result, or what it failed with (an Error included: it is thrown again in order). */
  record Outcome<R>(R result, Throwable failure) {}

  private PairRuns() {}

  /**
   * The outcomes of {@code pairs} pairs; with {@code atOnce} 1 each pair runs when its outcome is
   * asked for (the plain path), else {@code atOnce} run side by side from the start.
   */
  static <R> List<Supplier<Outcome<R>>> run(int pairs, int atOnce, Work<R> work) {
    List<Supplier<Outcome<R>>> outcomes = new ArrayList<>();
    if (atOnce <= 1) {
      for (int i = 0; i < pairs; i++) {
        int pair = i;
        outcomes.add(() -> outcome(work, pair));
      }
      return outcomes;
    }
    ExecutorService threads =
        Executors.newFixedThreadPool(
            Math.min(atOnce, pairs),
            task -> {
              Thread thread = new Thread(task, "bt-pair");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (int i = 0; i < pairs; i++) {
        int pair = i;
        CompletableFuture<Outcome<R>> running =
            CompletableFuture.supplyAsync(() -> outcome(work, pair), threads);
        outcomes.add(running::join);
      }
    } finally {
      threads.shutdown(); // the pairs submitted still run; the threads end with the last of them
    }
    return outcomes;
  }

  private static <R> Outcome<R> outcome(Work<R> work, int pair) {
    try {
      return new Outcome<>(work.run(pair), null);
    } catch (Throwable t) {
      return new Outcome<>(null, t);
    }
  }
}
