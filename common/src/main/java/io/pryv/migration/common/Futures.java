package io.pryv.migration.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work done on another thread, its failure thrown as it was raised there. */
public final class Futures {
  private Futures() {}

  /**
   * The result of {@code future}, once done; a runtime exception it failed with (a {@link
   * ToolException} with its one-line message, typically) is thrown as such rather than wrapped in a
   * CompletionException.
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }
}
