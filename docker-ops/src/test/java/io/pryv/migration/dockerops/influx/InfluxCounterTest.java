package io.pryv.migration.dockerops.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Series and points of every database in one influx run. The answers are the influx 1.x client's
 * own ({@code influx/three-databases.json} was printed by Debian's influx 1.6.7 against a real
 * influxd: one result per series, no statement ids, {@code {}} for a statement without series); the
 * same counts against real influxd processes and containers are in InfluxLocalIT and
 * DockerInfluxIT.
 */
class InfluxCounterTest {

  /** docker exec into pryvio_influxdb, answering each influx run with {@code answer}. */
  static final class Container implements ProcessRunner {
    final List<String> statements = new ArrayList<>();
    private final Function<String, String> answer;

    Container(Function<String, String> answer) {
      this.answer = answer;
    }

    @Override
    public Result run(List<String> command, Path workingDir, Duration timeout) {
      assertEquals(
          List.of("docker", "exec", "pryvio_influxdb", "/usr/bin/influx"), command.subList(0, 4));
      String statement = command.get(command.indexOf("-execute") + 1);
      statements.add(statement);
      return new Result(command, 0, answer.apply(statement) + "\n", "");
    }
  }

  private static InfluxCounter counter(ProcessRunner container) {
    CommandRunner runner =
        new CommandRunner(
            container,
            false,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Duration.ofSeconds(5),
            "");
    return new InfluxCounter(new InfluxCli(runner, new Commands(PryvLayout.defaults())));
  }

  private static String resource(String name) throws Exception {
    try (var in = InfluxCounterTest.class.getResourceAsStream("/influx/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  private static final String DATABASES =
      "{\"results\":[{\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],\"values\":"
          + "[[\"_internal\"],[\"user.ck-a\"],[\"empty_db\"],[\"user.ckb\"]]}]}]}";

  @Test
  void everyDatabaseIsCountedInOneRunAfterShowDatabases() throws Exception {
    String combined = resource("three-databases.json");
    Container container =
        new Container(statement -> statement.equals("SHOW DATABASES") ? DATABASES : combined);
    var counts = counter(container).countAll();
    assertEquals(
        new TreeMap<>(
            Map.of(
                "user.ck-a", new InfluxCounter.Counts(3, 4),
                "empty_db", new InfluxCounter.Counts(0, 0),
                "user.ckb", new InfluxCounter.Counts(1, 1))),
        counts);
    assertEquals(
        List.of(
            "SHOW DATABASES",
            "SHOW DATABASES; SHOW RETENTION POLICIES ON \"empty_db\"; SHOW SERIES EXACT CARDINALITY"
                + " ON \"empty_db\"; SELECT COUNT(*) FROM \"empty_db\"../.*/; SHOW RETENTION POLICIES"
                + " ON \"user.ck-a\"; SHOW SERIES EXACT CARDINALITY ON \"user.ck-a\"; SELECT COUNT(*)"
                + " FROM \"user.ck-a\"../.*/; SHOW RETENTION POLICIES ON \"user.ckb\"; SHOW SERIES"
                + " EXACT CARDINALITY ON \"user.ckb\"; SELECT COUNT(*) FROM \"user.ckb\"../.*/"),
        container.statements,
        "two influx runs, whatever the number of databases");
  }

  @Test
  void theCombinedAnswerAlsoListsTheDatabases() throws Exception {
    // the check after a backup: one run gives the list (a database created meanwhile shows) and
    // the counts
    String combined = resource("three-databases.json");
    Container container = new Container(statement -> combined);
    InfluxCounter.Snapshot snapshot =
        counter(container).count(List.of("empty_db", "user.ck-a", "user.ckb"));
    assertEquals(List.of("empty_db", "norp", "user.ck-a", "user.ckb"), snapshot.databases());
    assertEquals(new InfluxCounter.Counts(3, 4), snapshot.counts().get("user.ck-a"));
    assertEquals(1, container.statements.size());
  }

  @Test
  void anAnswerThatDoesNotSplitPerDatabaseIsCountedOneDatabaseAtATime() {
    // two databases asked for, one retention-policy list in the answer: the parts cannot be told
    // apart
    String unsplittable =
        "{\"results\":[{\"series\":[{\"columns\":[\"name\",\"duration\",\"shardGroupDuration\","
            + "\"replicaN\",\"default\"],\"values\":[[\"autogen\",\"0s\",\"168h0m0s\",1,true]]}]},"
            + "{\"series\":[{\"name\":\"m\",\"columns\":[\"count\"],\"values\":[[7]]}]}]}";
    String alone =
        "{\"results\":[{\"series\":[{\"name\":\"m\",\"columns\":[\"count\"],\"values\":[[2]]}]},"
            + "{\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"count_value\"],\"values\":[[0,5]]}]}]}";
    Container container =
        new Container(
            statement -> statement.startsWith("SHOW SERIES EXACT") ? alone : unsplittable);
    InfluxCounter.Snapshot snapshot = counter(container).count(List.of("a", "b"));
    assertEquals(new InfluxCounter.Counts(2, 5), snapshot.counts().get("a"));
    assertEquals(new InfluxCounter.Counts(2, 5), snapshot.counts().get("b"));
    assertEquals(3, container.statements.size(), container.statements.toString());
  }

  @Test
  void aCoreWithThousandsOfUsersIsCountedInRunsThatFitACommandLine() {
    List<String> users =
        IntStream.range(0, 3000).mapToObj(i -> "user.someone-with-a-long-name-" + i).toList();
    Container container =
        new Container(
            statement -> {
              int databases = statement.split("SHOW RETENTION POLICIES").length - 1;
              StringBuilder json = new StringBuilder("{\"results\":[");
              for (int i = 0; i < databases; i++) {
                json.append(i > 0 ? "," : "")
                    .append(
                        "{\"series\":[{\"columns\":[\"name\",\"duration\",\"shardGroupDuration\"],"
                            + "\"values\":[[\"autogen\",\"0s\",\"168h0m0s\"]]}]},{},{}");
              }
              return json.append("]}").toString();
            });
    InfluxCounter.Snapshot snapshot = counter(container).count(users);
    assertEquals(3000, snapshot.counts().size());
    assertTrue(container.statements.size() > 1, "more than one run");
    assertTrue(container.statements.size() < 15, container.statements.size() + " runs");
    for (String statement : container.statements) {
      assertTrue(statement.length() <= InfluxCli.MAX_STATEMENTS_CHARS, "" + statement.length());
    }
  }

  @Test
  void namesAreQuotedAsIdentifiers() {
    assertEquals("\"user.ck-a\"", InfluxCli.identifier("user.ck-a"));
    assertEquals("\"a\\\"b\\\\c\"", InfluxCli.identifier("a\"b\\c"));
  }
}
