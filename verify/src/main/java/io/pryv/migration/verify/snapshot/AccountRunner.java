package io.pryv.migration.verify.snapshot;

import io.pryv.migration.common.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one task per account, {@code --concurrency} at a time, and returns the results in the
 * accounts' order.
 */
public final class AccountRunner {
  private AccountRunner() {}

  public static <T> List<T> run(List<String> users, int concurrency, Function<String, T> task)
      throws InterruptedException {
    if (concurrency <= 1 || users.size() <= 1) {
      List<T> results = new ArrayList<>();
      for (String user : users) {
        results.add(task.apply(user));
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, users.size()));
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (String user : users) {
        futures.add(pool.submit(() -> task.apply(user)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new ToolException(
              io.pryv.migration.common.ExitCode.INTERNAL, String.valueOf(cause), cause);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
