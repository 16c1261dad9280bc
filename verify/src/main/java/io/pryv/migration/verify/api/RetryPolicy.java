package io.pryv.migration.verify.api;

import java.time.Duration;

/**
 * How often and how patiently a request is repeated after a timeout, a reset connection or a 5xx:
 * exponential backoff from {@code firstDelay}, capped at {@code maxDelay}.
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {

  /** Waits between attempts; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public Duration delayBefore(int attempt) {
    long millis = firstDelay.toMillis() << Math.min(attempt - 2, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
