package io.pryv.migration.dockerops.mongo;

import java.io.PrintStream;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Live counts through the MongoDB driver when the database answers where docker-ops runs, else
 * through the shell: a driver count spares the start of a shell program (mongosh: about a second).
 * The driver is found and connected on the first count, or ahead of it on another thread while the
 * database tool runs ({@link #prepare}); {@code driver} gives it, or why there is none (no address,
 * for one). If there is none, or connecting or counting fails for any reason (refused, timed out,
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
  private CompletableFuture<Ready> ready; // started by prepare()

  /** Daemon threads: a connection still being made never holds the JVM open. */
  private static final Executor DAEMON =
      task -> {
        Thread thread = new Thread(task, "mongo-driver-connect");
        thread.setDaemon(true);
        thread.start();
      };

  public DriverFirstMongoCounter(Supplier<Driver> driver, LiveMongoCounter shell, PrintStream log) {
    this.driver = driver;
    this.shell = shell;
    this.log = log;
  }

  /**
   * Looks up the driver and connects it on another thread while the database tool runs (docker
   * inspect, the driver's classes, the connection: about half a second of a cold JVM), so that the
   * count after it only counts.
   */
  @Override
  public synchronized void prepare() {
    if (counting == null && ready == null) {
      ready = CompletableFuture.supplyAsync(this::connectDriver, DAEMON);
    }
  }

  @Override
  public SortedMap<String, Long> count(String database) {
    CompletableFuture<Ready> prepared;
    synchronized (this) {
      if (counting != null) {
        return counting.count(database);
      }
      prepared = ready;
    }
    Ready found = prepared != null ? prepared.join() : connectDriver();
    if (found.counter().isEmpty()) {
      return fallBack(found.reason(), database);
    }
    LiveMongoCounter candidate = found.counter().get();
    SortedMap<String, Long> counts;
    try {
      counts = candidate.count(database);
    } catch (RuntimeException e) {
      return fallBack(through(candidate) + oneLine(e.getMessage()), database);
    }
    synchronized (this) {
      counting = candidate;
    }
    return counts;
  }

  /** The driver found and connected, or why not (the start of the log line). */
  private record Ready(Optional<LiveMongoCounter> counter, String reason) {}

  private Ready connectDriver() {
    Driver found;
    try {
      found = driver.get();
    } catch (RuntimeException e) {
      return new Ready(Optional.empty(), "no MongoDB driver count: " + oneLine(e.getMessage()));
    }
    if (found.counter().isEmpty()) {
      return new Ready(Optional.empty(), "no MongoDB driver count: " + found.reason());
    }
    LiveMongoCounter candidate = found.counter().get();
    try {
      candidate.connect();
    } catch (RuntimeException e) {
      return new Ready(Optional.empty(), through(candidate) + oneLine(e.getMessage()));
    }
    return new Ready(Optional.of(candidate), "");
  }

  private static String through(LiveMongoCounter candidate) {
    return "no MongoDB driver count through "
        + candidate.description().replaceFirst("^the MongoDB driver at ", "")
        + ": ";
  }

  private SortedMap<String, Long> fallBack(String why, String database) {
    synchronized (this) {
      counting = shell;
    }
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
