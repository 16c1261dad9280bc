package io.pryv.migration.verify.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.verify.snapshot.TimeWindowPager.Order;
import io.pryv.migration.verify.snapshot.TimeWindowPager.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pager against a list served like a core serves it: ordered by timestamp only, ties in any
 * order.
 */
class TimeWindowPagerTest {

  /**
   * A core's list: times sorted one way, ties shuffled on every request, the window applied as the
   * core does.
   */
  private static final class Core implements TimeWindowPager.Fetch<String> {
    final List<Row<String>> rows = new ArrayList<>();
    final Order order;
    final Random random = new Random(7);
    int requests;

    Core(Order order) {
      this.order = order;
    }

    @Override
    public List<Row<String>> fetch(String cursor, int limit) {
      requests++;
      double bound = Double.parseDouble(cursor);
      List<Row<String>> in =
          new ArrayList<>(rows.stream().filter(r -> order.inWindow(r.key(), bound)).toList());
      Collections.shuffle(in, random);
      Comparator<Row<String>> byKey = Comparator.comparingDouble(Row::key);
      in.sort(order == Order.NEWEST_FIRST ? byKey.reversed() : byKey);
      return in.subList(0, Math.min(limit, in.size()));
    }
  }

  private static Core core(Order order, int count, int perTime) {
    Core core = new Core(order);
    for (int i = 0; i < count; i++) {
      core.rows.add(new Row<>(1700000000.5 + (i / perTime) * 0.001, "e" + i, "e" + i));
    }
    return core;
  }

  @ParameterizedTest
  @CsvSource({
    "NEWEST_FIRST, 333, 5, 7",
    "NEWEST_FIRST, 1000, 1, 10",
    "NEWEST_FIRST, 100, 100, 7",
    "NEWEST_FIRST, 250, 50, 50",
    "OLDEST_FIRST, 333, 5, 7",
    "OLDEST_FIRST, 100, 100, 9",
    "NEWEST_FIRST, 5, 1, 5"
  })
  void everyItemOnceWhateverThePageSizeAndTheTies(
      Order order, int count, int perTime, int pageSize) {
    Core core = core(order, count, perTime);
    List<String> read = new ArrayList<>();
    new TimeWindowPager(order, pageSize, "test").read(core, row -> read.add(row.id()));
    assertEquals(count, read.size(), "no item twice");
    assertEquals(count, new HashSet<>(read).size(), "no item lost");
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void aTimestampHoldingMoreThanTheLargestPageIsAnError(Order order) {
    Core core = core(order, 50, 50);
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> new TimeWindowPager(order, 4, 16, "account a: events").read(core, row -> {}));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "account a: events: more than 16 items share the time 1700000000.5; the"
                    + " core orders them by time only"),
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void aCoreThatIgnoresTheWindowOrTheOrderIsAnError(Order order) {
    TimeWindowPager pager = new TimeWindowPager(order, 2, "account a: events");
    List<Row<String>> unordered =
        List.of(new Row<>(5, "a", "a"), new Row<>(order == Order.NEWEST_FIRST ? 6 : 4, "b", "b"));
    ToolException disorder =
        assertThrows(ToolException.class, () -> pager.read((c, l) -> unordered, r -> {}));
    assertTrue(disorder.getMessage().contains("out of time order"), disorder.getMessage());
    Set<String> calls = new HashSet<>();
    ToolException outside =
        assertThrows(
            ToolException.class,
            () ->
                pager.read(
                    (cursor, limit) -> {
                      calls.add(cursor);
                      // first window: two items; second: the same items again, one now outside the
                      // window
                      return calls.size() == 1
                          ? List.of(
                              new Row<>(5, "a", "a"),
                              new Row<>(order == Order.NEWEST_FIRST ? 4 : 6, "b", "b"))
                          : List.of(new Row<>(5, "a", "a"));
                    },
                    r -> {}));
    assertTrue(outside.getMessage().contains("outside the window asked for"), outside.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void aCoreThatSendsMoreThanTheLimitSentEverything(Order order) {
    Core core = core(order, 30, 1);
    List<String> read = new ArrayList<>();
    new TimeWindowPager(order, 10, "test")
        .read((cursor, limit) -> core.fetch(cursor, 1000), row -> read.add(row.id()));
    assertEquals(30, read.size());
    assertEquals(1, core.requests);
  }
}
