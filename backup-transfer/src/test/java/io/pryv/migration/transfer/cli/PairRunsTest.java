package io.pryv.migration.transfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The pairs of one call: side by side up to a limit, or one after the other; outcomes in order. */
class PairRunsTest {

  @Test
  void pairsRunSideBySideUpToTheLimitAndComeBackInTheOrderOfTheArguments() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // the first four wait for each other: they can only all end if four run at once
    CountDownLatch fourTogether = new CountDownLatch(PairRuns.MOST_AT_ONCE);
    List<Supplier<PairRuns.Outcome<String>>> outcomes =
        PairRuns.run(
            9,
            PairRuns.MOST_AT_ONCE,
            pair -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                if (pair < PairRuns.MOST_AT_ONCE) {
                  fourTogether.countDown();
                  if (!fourTogether.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("pair " + pair + " ran without the others");
                  }
                } else {
                  Thread.sleep(9 - pair); // the later ones end in the reverse order
                }
                if (pair == 5) {
                  throw new java.io.IOException("pair 5 failed");
                }
                return "pair " + pair;
              } finally {
                running.decrementAndGet();
              }
            });
    List<String> results = new ArrayList<>();
    for (Supplier<PairRuns.Outcome<String>> outcome : outcomes) {
      PairRuns.Outcome<String> done = outcome.get();
      results.add(done.failure() == null ? done.result() : done.failure().getMessage());
    }
    assertEquals(
        List.of(
            "pair 0",
            "pair 1",
            "pair 2",
            "pair 3",
            "pair 4",
            "pair 5 failed",
            "pair 6",
            "pair 7",
            "pair 8"),
        results);
    assertEquals(PairRuns.MOST_AT_ONCE, most.get(), "never more at once than the limit");
  }

  @Test
  void oneAtATimeEachPairRunsWhenItsOutcomeIsAskedForAndAFailureStopsNoOther() {
    List<Integer> ran = new ArrayList<>();
    List<Supplier<PairRuns.Outcome<Integer>>> outcomes =
        PairRuns.run(
            3,
            1,
            pair -> {
              ran.add(pair);
              if (pair == 0) {
                throw new IllegalStateException("first failed");
              }
              return pair * 10;
            });
    assertEquals(List.of(), ran, "nothing ran before its outcome was asked for");
    PairRuns.Outcome<Integer> first = outcomes.get(0).get();
    assertEquals("first failed", first.failure().getMessage());
    assertEquals(List.of(0), ran);
    assertEquals(10, outcomes.get(1).get().result());
    PairRuns.Outcome<Integer> last = outcomes.get(2).get();
    assertEquals(20, last.result());
    assertNull(last.failure());
    assertEquals(List.of(0, 1, 2), ran);
  }

  @Test
  void anErrorIsKeptAsTheOutcomeNotLost() {
    PairRuns.Outcome<Object> outcome =
        PairRuns.run(
                2,
                2,
                pair -> {
                  throw new OutOfMemoryError("heap");
                })
            .get(1)
            .get();
    assertTrue(outcome.failure() instanceof OutOfMemoryError, String.valueOf(outcome));
  }
}
