package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.dockerops.cli.DockerOpsOptionsParser;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which counter a call gets, and the driver-first path end to end against a real wire-protocol
 * server (mongo-java-server on 127.0.0.1): docker is a fake that answers {@code docker inspect}
 * with the host-network container of docker-inspect/ and {@code docker exec} as the container's
 * mongosh ({@link ShellMongoCounterTest.Container}).
 */
class LiveMongoCountersTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final List<List<String>> ran = new ArrayList<>();
  private final ShellMongoCounterTest.Container container =
      new ShellMongoCounterTest.Container(Map.of("/app/bin/mongodb/bin/mongosh", "1.8.2"), true);
  private MongoServer server;
  private int port;

  @BeforeEach
  void start() {
    server = new MongoServer(new MemoryBackend());
    port = server.bind().getPort();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
      for (int i = 0; i < 5; i++) {
        client.getDatabase("pryv-node").getCollection("events").insertOne(new Document("n", i));
      }
      client.getDatabase("pryv-node").getCollection("streams").insertOne(new Document("n", 0));
    }
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  /** docker inspect: the host-network container; docker exec: the container's shell. */
  private ProcessRunner docker() {
    return new ProcessRunner() {
      @Override
      public Result run(List<String> command, Path workingDir, Duration timeout) {
        ran.add(command);
        if (command.get(1).equals("inspect")) {
          try (InputStream in =
              LiveMongoCountersTest.class.getResourceAsStream(
                  "/docker-inspect/host-network.json")) {
            return new Result(
                command, 0, new String(in.readAllBytes(), StandardCharsets.UTF_8), "");
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        return container.run(command, workingDir, timeout);
      }
    };
  }

  private LiveMongoCounter choose(
      Optional<String> uri, boolean onThisMachine, boolean driverFirst, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("mongo-dump");
    Commands commands =
        new Commands(DockerOpsOptionsParser.parse(all.toArray(String[]::new), Map.of()).layout());
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    CommandRunner runner = new CommandRunner(docker(), false, out, Duration.ofSeconds(10), "");
    return LiveMongoCounters.choose(uri, onThisMachine, driverFirst, runner, commands, out);
  }

  private static final Map<String, Long> LIVE = Map.of("events", 5L, "streams", 1L);

  @Test
  void localContainersCountThroughTheDriverAtTheInspectedAddress() {
    LiveMongoCounter live =
        choose(Optional.empty(), true, true, "--mongo-host", "127.0.0.1:" + port);
    assertInstanceOf(DriverFirstMongoCounter.class, live);
    assertEquals(new TreeMap<>(LIVE), live.count("pryv-node"));
    assertEquals(
        List.of(List.of("docker", "inspect", "--type", "container", "pryvio_mongodb")),
        ran,
        "one docker inspect, no shell");
    assertEquals(
        "the MongoDB driver at mongodb://127.0.0.1:" + port + "/?directConnection=true",
        live.description());
    assertEquals("", log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRefusedDriverFallsBackToTheShell() {
    server.shutdownNow();
    LiveMongoCounter live =
        choose(Optional.empty(), true, true, "--mongo-host", "127.0.0.1:" + port);
    long start = System.nanoTime();
    assertEquals(
        new TreeMap<>(Map.of("accesses", 2L, "events", 1200L, "streams", 3L)),
        live.count("pryv-node"));
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertTrue(seconds < 5, "short timeouts, not the driver's 30 s: " + seconds + " s");
    assertEquals(List.of("docker", "inspect"), ran.get(0).subList(0, 2));
    assertEquals(List.of("docker", "exec", "pryvio_mongodb"), ran.get(1).subList(0, 3));
    String line = log.toString(StandardCharsets.UTF_8);
    assertTrue(
        line.startsWith(
            "no MongoDB driver count through mongodb://127.0.0.1:"
                + port
                + "/?directConnection=true: cannot reach the MongoDB server at mongodb://127.0.0.1:"
                + port
                + "/?directConnection=true: no server answered within 1500 ms (ConnectException:"
                + " Connection refused)"),
        line);
    assertTrue(line.endsWith("; counting with the mongo shell in pryvio_mongodb\n"), line);
    assertEquals(1, line.lines().count(), line);
    assertEquals(
        "mongosh 1.8.2 (/app/bin/mongodb/bin/mongosh) in pryvio_mongodb", live.description());
    assertEquals("mongosh", live.shell().orElseThrow().name());
  }

  @Test
  void theOperatorsUriStillWins() {
    LiveMongoCounter live = choose(Optional.of("mongodb://127.0.0.1:" + port), true, true);
    assertInstanceOf(DriverMongoCounter.class, live);
    assertEquals(new TreeMap<>(LIVE), live.count("pryv-node"));
    assertEquals(List.of(), ran, "no docker inspect, no shell");
    assertEquals("the MongoDB driver at mongodb://127.0.0.1:" + port, live.description());
  }

  @Test
  void theShellAloneElsewhere() {
    assertInstanceOf(
        ShellMongoCounter.class, choose(Optional.empty(), false, true), "over --host (SSH)");
    assertInstanceOf(
        ShellMongoCounter.class, choose(Optional.empty(), true, false), "the fast path off");
    assertInstanceOf(
        ShellMongoCounter.class,
        choose(Optional.empty(), true, true, "--exec", "local"),
        "the tools on the host");
    assertInstanceOf(
        ShellMongoCounter.class,
        choose(Optional.empty(), true, true, "--docker-host", "tcp://10.0.0.2:2375"),
        "a remote docker engine: its containers' addresses are not this machine's");
    assertInstanceOf(
        DriverFirstMongoCounter.class,
        choose(
            Optional.empty(),
            true,
            true,
            "--docker-host",
            "unix:///var/lib/pryv-test-docker/run/docker.sock"));
    assertEquals(List.of(), ran, "choosing runs nothing");
  }
}
