package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A failure on another thread reaches the waiting one as it was raised, not wrapped. */
class FuturesTest {
  @Test
  void givesTheResultOrTheRuntimeExceptionItself() {
    assertEquals("done", Futures.join(CompletableFuture.supplyAsync(() -> "done")));
    ToolException refused = ToolException.environment("connection refused by host");
    CompletableFuture<String> failed =
        CompletableFuture.supplyAsync(
            () -> {
              throw refused;
            });
    assertSame(refused, assertThrows(ToolException.class, () -> Futures.join(failed)));
  }

  @Test
  void aCheckedFailureStaysWrapped() {
    IOException lost = new IOException("lost");
    CompletableFuture<String> failed = CompletableFuture.failedFuture(lost);
    assertSame(
        lost, assertThrows(CompletionException.class, () -> Futures.join(failed)).getCause());
  }
}
