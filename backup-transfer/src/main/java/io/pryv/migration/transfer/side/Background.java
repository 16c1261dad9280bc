package io.pryv.migration.transfer.side;

import io.pryv.migration.common.Futures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs blocking work (SSH handshakes, remote streams, hashing) on its own daemon thread. The common
 * fork-join pool has a single worker on a 2-core machine, which would serialise exactly the work
 * meant to overlap. {@link #await} gives back the work's own exception (IOException,
 * ToolException), not a CompletionException.
 */
public final class Background {
  private Background() {}

  /** Work that may throw an IOException. */
  @FunctionalInterface
  public interface IoWork<T> {
    T get() throws IOException;
  }

  public static <T> CompletableFuture<T> supply(String name, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(work.get());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /**
   * Like {@link #supply}, for work that throws IOException; {@link #await} rethrows it as it was.
   */
  public static <T> CompletableFuture<T> supplyIo(String name, IoWork<T> work) {
    return supply(
        name,
        () -> {
          try {
            return work.get();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  public static CompletableFuture<Void> run(String name, Runnable work) {
    return supply(
        name,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * Closes what {@code future} brings, whenever it does; nothing for a null future, a null result
   * or a failure. For work started and not reached because something else failed first: stopped,
   * not left running, and the first failure stays the one reported.
   */
  public static void closeWhenDone(CompletableFuture<? extends java.io.Closeable> future) {
    if (future != null) {
      future.thenAccept(
          resource -> {
            try {
              if (resource != null) {
                resource.close();
              }
            } catch (IOException | RuntimeException ignored) {
              // already failing
            }
          });
    }
  }

  /**
   * Waits for the work and rethrows what it threw: an IOException, a runtime exception
   * (ToolException).
   */
  public static <T> T await(CompletableFuture<T> future) throws IOException {
    try {
      return Futures.join(future);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
