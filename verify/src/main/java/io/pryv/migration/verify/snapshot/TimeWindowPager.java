package io.pryv.migration.verify.snapshot;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.JsNumber;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a whole list that the core orders by one timestamp only (events by {@code time}, deletions
 * by {@code deleted}) without relying on the order of items that share a timestamp.
 *
 * <p>A real core pages with OFFSET/LIMIT over {@code ORDER BY time}: items with equal times come
 * back in any order, so {@code skip} pages lose some and repeat others. This reader never skips:
 * each request asks for the next window, bounded by the last timestamp seen (inclusive), so the
 * items sharing that timestamp are read again and de-duplicated by id. When one timestamp fills a
 * whole page, the page is made larger until it holds them all. Memory holds the ids of one
 * timestamp, never the account.
 */
public final class TimeWindowPager {
  /** The most items one request may ask for when many share a timestamp. */
  static final int LARGEST_PAGE = 200_000;

  /** How the core orders the list, and how a window is given. */
  public enum Order {
    /** events: newest first; the window is {@code toTime=T} (time <= T). */
    NEWEST_FIRST("99999999999", 99999999999d),
    /** deletions: oldest first; the window is {@code modifiedSince=S} (deleted > S). */
    OLDEST_FIRST("0", 0);

    final String firstCursor;
    final double firstBound;

    Order(String firstCursor, double firstBound) {
      this.firstCursor = firstCursor;
      this.firstBound = firstBound;
    }

    boolean inWindow(double key, double bound) {
      return this == NEWEST_FIRST ? key <= bound : key > bound;
    }

    boolean inOrder(double previous, double key) {
      return this == NEWEST_FIRST ? key <= previous : key >= previous;
    }

    /** The bound of a window that starts at {@code key}, key included. */
    double boundFrom(double key) {
      // modifiedSince is exclusive: the double just below the key includes the key and nothing else
      // before it
      return this == NEWEST_FIRST ? key : Math.nextDown(key);
    }
  }

  /** One item of a page: its timestamp, its id, and what the caller made of it. */
  public record Row<T>(double key, String id, T value) {}

  /**
   * Fetches one window: the items within {@code cursor}, in the core's order, at most {@code
   * limit}.
   */
  @FunctionalInterface
  public interface Fetch<T> {
    List<Row<T>> fetch(String cursor, int limit);
  }

  private final Order order;
  private final int pageSize;
  private final int largestPage;
  private final String what;

  /**
   * @param what names the list in error messages, e.g. "account alice: events"
   */
  public TimeWindowPager(Order order, int pageSize, String what) {
    this(order, pageSize, Math.max(LARGEST_PAGE, pageSize), what);
  }

  TimeWindowPager(Order order, int pageSize, int largestPage, String what) {
    this.order = order;
    this.pageSize = pageSize;
    this.largestPage = largestPage;
    this.what = what;
  }

  /**
   * Reads the whole list; {@code emit} sees every item once. Returns the number of requests made.
   */
  public <T> int read(Fetch<T> fetch, Consumer<Row<T>> emit) {
    String cursor = order.firstCursor;
    double bound = order.firstBound;
    double boundaryKey = Double.NaN;
    Set<String> boundaryIds = new HashSet<>();
    int limit = pageSize;
    int requests = 0;
    while (true) {
      List<Row<T>> page = fetch.fetch(cursor, limit);
      requests++;
      double firstKey = Double.NaN;
      double lastKey = Double.NaN;
      double groupKey = Double.NaN;
      Set<String> group = boundaryIds;
      for (Row<T> row : page) {
        double key = row.key();
        if (Double.isNaN(key)) {
          throw ToolException.environment(what + ": item " + row.id() + " has no timestamp");
        }
        if (!order.inWindow(key, bound)) {
          throw ToolException.environment(
              what
                  + ": the core returned "
                  + row.id()
                  + " (at "
                  + JsNumber.format(key)
                  + ") outside the window asked for ("
                  + cursor
                  + "); verify cannot page through its answers");
        }
        if (!Double.isNaN(lastKey) && !order.inOrder(lastKey, key)) {
          throw ToolException.environment(
              what
                  + ": the core returned "
                  + row.id()
                  + " (at "
                  + JsNumber.format(key)
                  + ") out of time order; verify cannot page through its answers");
        }
        if (key != groupKey) {
          groupKey = key;
          if (key == boundaryKey) {
            group = boundaryIds;
          } else if (group == boundaryIds) {
            group = new HashSet<>();
          } else {
            group.clear();
          }
        }
        if (group.add(row.id())) {
          emit.accept(row); // else: read again at the window's edge, or twice in one answer
        }
        if (Double.isNaN(firstKey)) {
          firstKey = key;
        }
        lastKey = key;
      }
      // a short page ends the list; a longer one means the core ignored the limit and sent
      // everything
      if (page.size() != limit) {
        return requests;
      }
      if (firstKey == lastKey) {
        // one timestamp fills the page: the next window would start at the same place
        if (limit >= largestPage) {
          throw ToolException.environment(
              what
                  + ": more than "
                  + limit
                  + " items share the time "
                  + JsNumber.format(lastKey)
                  + "; the core orders them by time only, so verify cannot page through"
                  + " them reliably");
        }
        limit = (int) Math.min((long) limit * 4, largestPage);
      } else {
        limit = pageSize;
      }
      boundaryKey = lastKey;
      boundaryIds = group;
      bound = order.boundFrom(lastKey);
      cursor = JsNumber.format(bound);
    }
  }
}
