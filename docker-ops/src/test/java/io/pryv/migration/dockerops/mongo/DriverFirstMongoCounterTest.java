package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The order of the two counters: the driver when there is one and it counts, else the shell, with
 * one log line saying why; the choice is made once, on the first count.
 */
class DriverFirstMongoCounterTest {
  private static final SortedMap<String, Long> COUNTS =
      new TreeMap<>(java.util.Map.of("events", 1000L, "streams", 12L));

  /** A counter that records its counts, and fails when given a failure. */
  static final class Fake implements LiveMongoCounter {
    final List<String> counted = new ArrayList<>();
    final List<String> connectedOn = new ArrayList<>(); // thread names
    private final String description;
    private final RuntimeException failure;
    RuntimeException connectFailure;

    @Override
    public void connect() {
      connectedOn.add(Thread.currentThread().getName());
      if (connectFailure != null) {
        throw connectFailure;
      }
    }

    Fake(String description, RuntimeException failure) {
      this.description = description;
      this.failure = failure;
    }

    @Override
    public SortedMap<String, Long> count(String database) {
      counted.add(database);
      if (failure != null) {
        throw failure;
      }
      return COUNTS;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public Optional<MongoShell> shell() {
      return description.startsWith("mongosh")
          ? Optional.of(new MongoShell("mongosh", "/app/bin/mongodb/bin/mongosh", "1.8.2"))
          : Optional.empty();
    }
  }

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final Fake shell =
      new Fake("mongosh 1.8.2 (/app/bin/mongodb/bin/mongosh) in pryvio_mongodb", null);
  private int lookups;

  private DriverFirstMongoCounter counter(DriverFirstMongoCounter.Driver driver) {
    Supplier<DriverFirstMongoCounter.Driver> lookup =
        () -> {
          lookups++;
          return driver;
        };
    return new DriverFirstMongoCounter(
        lookup, shell, new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  private String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theDriverCountsAndTheShellNeverRuns() {
    Fake driver =
        new Fake("the MongoDB driver at mongodb://172.18.0.3:27017/?directConnection=true", null);
    DriverFirstMongoCounter counter =
        counter(new DriverFirstMongoCounter.Driver(Optional.of(driver), ""));
    assertEquals(COUNTS, counter.count("pryv-node"));
    assertEquals(COUNTS, counter.count("pryv-node"));
    assertEquals(List.of("pryv-node", "pryv-node"), driver.counted);
    assertEquals(List.of(), shell.counted);
    assertEquals(1, lookups, "the address is looked up once");
    assertEquals(driver.description(), counter.description());
    assertEquals(Optional.empty(), counter.shell());
    assertEquals("", log());
  }

  @Test
  void withoutAnAddressTheShellCountsAndTheLogSaysWhy() {
    DriverFirstMongoCounter counter =
        counter(
            new DriverFirstMongoCounter.Driver(
                Optional.empty(), "pryvio_mongodb has no IP address (network mode none)"));
    assertEquals(COUNTS, counter.count("pryv-node"));
    assertEquals(
        "no MongoDB driver count: pryvio_mongodb has no IP address (network mode none);"
            + " counting with mongosh 1.8.2 (/app/bin/mongodb/bin/mongosh) in pryvio_mongodb\n",
        log());
    assertEquals(shell.description(), counter.description());
    assertEquals("mongosh", counter.shell().orElseThrow().name());
  }

  @Test
  void aFailedDriverCountFallsBackOnceAndIsNotTriedAgain() {
    Fake driver =
        new Fake(
            "the MongoDB driver at mongodb://172.18.0.3:27017/?directConnection=true",
            ToolException.environment(
                "cannot count documents in pryv-node through"
                    + " mongodb://172.18.0.3:27017/?directConnection=true: Command failed with"
                    + " error 13 (Unauthorized):\n 'command count requires authentication'"));
    DriverFirstMongoCounter counter =
        counter(new DriverFirstMongoCounter.Driver(Optional.of(driver), ""));
    assertEquals(COUNTS, counter.count("pryv-node"));
    assertEquals(COUNTS, counter.count("pryv-node"));
    assertEquals(1, driver.counted.size(), "the driver is tried once");
    assertEquals(2, shell.counted.size());
    String line = log();
    assertEquals(1, line.lines().count(), line);
    assertTrue(
        line.startsWith(
            "no MongoDB driver count through mongodb://172.18.0.3:27017/?directConnection=true:"
                + " cannot count documents in pryv-node through"),
        line);
    assertTrue(
        line.endsWith(
            "'command count requires authentication'; counting with mongosh 1.8.2"
                + " (/app/bin/mongodb/bin/mongosh) in pryvio_mongodb\n"),
        line);
    assertEquals(shell.description(), counter.description());
  }

  @Test
  void preparedTheDriverIsFoundAndConnectedOnAnotherThreadBeforeTheCount() {
    Fake driver =
        new Fake("the MongoDB driver at mongodb://127.0.0.1:27017/?directConnection=true", null);
    DriverFirstMongoCounter counter =
        counter(new DriverFirstMongoCounter.Driver(Optional.of(driver), ""));
    counter.prepare();
    counter.prepare(); // once
    assertEquals(COUNTS, counter.count("pryv-node"));
    assertEquals(List.of("mongo-driver-connect"), driver.connectedOn);
    assertEquals(1, lookups);
    assertEquals(List.of("pryv-node"), driver.counted);
    assertEquals(List.of(), shell.counted);
  }

  @Test
  void aDriverThatCannotConnectFallsBackAtTheCount() {
    Fake driver =
        new Fake("the MongoDB driver at mongodb://127.0.0.1:27017/?directConnection=true", null);
    driver.connectFailure =
        ToolException.environment(
            "cannot reach the MongoDB server at mongodb://127.0.0.1:27017/?directConnection=true:"
                + " no server answered within 1500 ms (ConnectException: Connection refused)");
    DriverFirstMongoCounter counter =
        counter(new DriverFirstMongoCounter.Driver(Optional.of(driver), ""));
    counter.prepare();
    assertEquals("", log(), "nothing said before the count");
    assertEquals(COUNTS, counter.count("pryv-node"));
    assertEquals(List.of(), driver.counted);
    assertEquals(List.of("pryv-node"), shell.counted);
    assertEquals(
        "no MongoDB driver count through mongodb://127.0.0.1:27017/?directConnection=true:"
            + " cannot reach the MongoDB server at"
            + " mongodb://127.0.0.1:27017/?directConnection=true: no server answered within 1500"
            + " ms (ConnectException: Connection refused); counting with mongosh 1.8.2"
            + " (/app/bin/mongodb/bin/mongosh) in pryvio_mongodb\n",
        log());
  }

  @Test
  void aDryRunNamesBoth() {
    DriverFirstMongoCounter counter =
        counter(new DriverFirstMongoCounter.Driver(Optional.empty(), "never looked up"));
    assertEquals(
        "the MongoDB driver at the container's address if it answers, else " + shell.description(),
        counter.description());
    assertEquals(0, lookups);
  }

  @Test
  void aLongDriverMessageIsCut() {
    String cut = DriverFirstMongoCounter.oneLine("x".repeat(1000));
    assertEquals(300, cut.length());
    assertTrue(cut.endsWith("..."));
  }
}
