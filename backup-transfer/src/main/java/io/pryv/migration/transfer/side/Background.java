package io.pryv.migration.transfer.side;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs blocking work (SSH handshakes, remote streams, hashing) on its own daemon thread. The common fork-join
 * pool has a single worker on a 2-core machine, which would serialise exactly the work meant to overlap.
 */
public final class Background {
  private Background() {}

  public static <T> CompletableFuture<T> supply(String name, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(work.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  public static CompletableFuture<Void> run(String name, Runnable work) {
    return supply(name, () -> {
      work.run();
      return null;
    });
  }
}
