package io.pryv.migration.dockerops.mongo;

import java.io.PrintStream;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Live counts through the MongoDB driver when the database answers where docker-ops runs, else
 * through the shell: a driver count spares the start of a shell program (mongosh: about a second).
 * The driver is found on the first count ({@code driver} gives it, or why there is none: no
 * address, for one); if there is none or its count fails for any reason (refused, timed out,
 * authentication required, a server too old for the driver), one line in the log says so and this
 * count and every later one go through the shell. Whichever counted is named by {@link
 * #description()}.
 */
public final class DriverFirstMongoCounter implements LiveMongoCounter {
  /** The driver counter to try, or why there is none. */
  public record Driver(Optional<LiveMongoCounter> counter, String reason) {}

  private final Supplier<Driver> driver;
  private final LiveMongoCounter shell;
  private final PrintStream log;
  private LiveMongoCounter counting; // once chosen, on the first count

  public DriverFirstMongoCounter(Supplier<Driver> driver, LiveMongoCounter shell, PrintStream log) {
    this.driver = driver;
    this.shell = shell;
    this.log = log;
  }

  @Override
  public SortedMap<String, Long> count(String database) {
    if (counting != null) {
      return counting.count(database);
    }
    Driver found = driver.get();
    if (found.counter().isEmpty()) {
      return fallBack("no MongoDB driver count: " + found.reason(), database);
    }
    LiveMongoCounter candidate = found.counter().get();
    SortedMap<String, Long> counts;
    try {
      counts = candidate.count(database);
    } catch (RuntimeException e) {
      return fallBack(
          "no MongoDB driver count through "
              + candidate.description().replaceFirst("^the MongoDB driver at ", "")
              + ": "
              + oneLine(e.getMessage()),
          database);
    }
    counting = candidate;
    return counts;
  }

  private SortedMap<String, Long> fallBack(String why, String database) {
    counting = shell;
    log.println(why + "; counting with " + shell.description());
    return shell.count(database);
  }

  /** A driver message on one line, not a screenful (a timeout lists the whole cluster state). */
  static String oneLine(String message) {
    String text = message == null ? "no message" : message.replaceAll("\\s+", " ").strip();
    return text.length() <= 300 ? text : text.substring(0, 297) + "...";
  }

  @Override
  public String description() {
    if (counting != null) {
      return counting.description();
    }
    // a dry run: nothing looked up yet
    return "the MongoDB driver at the container's address if it answers, else "
        + shell.description();
  }

  @Override
  public Optional<MongoShell> shell() {
    return counting == shell ? shell.shell() : Optional.empty();
  }
}
