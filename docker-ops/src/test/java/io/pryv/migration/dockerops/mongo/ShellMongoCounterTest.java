package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The live count through the container's MongoDB shell: which shell is found on each image
 * generation, with one shell run per count (no separate --version run), the command it runs, and
 * the output parsing. The container is {@link Container}, answering as docker exec does; the same
 * counts through the real docker engine and the stand-in images are in DockerMongoIT.
 */
class ShellMongoCounterTest {
  private static final String BIN = "/app/bin/mongodb/bin/";

  /**
   * docker exec in a pryvio_mongodb that holds the given programs (path → the version its {@code
   * version()} returns and its --version prints).
   */
  static final class Container implements ProcessRunner {
    final List<List<String>> commands = new ArrayList<>();
    private final Map<String, String> programs;
    private final boolean running;

    Container(Map<String, String> programs, boolean running) {
      this.programs = programs;
      this.running = running;
    }

    @Override
    public Result run(List<String> command, Path workingDir, Duration timeout) {
      commands.add(command);
      assertEquals(List.of("docker", "exec", "pryvio_mongodb"), command.subList(0, 3));
      if (!running) {
        return new Result(
            command, 1, "", "Error response from daemon: container 3f2a is not running\n");
      }
      String program = command.get(3);
      if (!programs.containsKey(program)) {
        return new Result(
            command,
            126,
            "",
            "OCI runtime exec failed: exec failed: unable to start container process:"
                + " exec: \""
                + program
                + "\": stat "
                + program
                + ": no such file or directory: unknown\n");
      }
      if (command.get(4).equals("--version")) {
        return new Result(command, 0, programs.get(program) + "\n", "");
      }
      assertEquals(ShellMongoCounter.script(), command.get(command.size() - 1));
      return new Result(
          command,
          0,
          "{\"shell\":\""
              + programs.get(program)
              + "\",\"counts\":{\"accesses\":2,\"events\":1200,\"streams\":3}}\n",
          "");
    }
  }

  private static ShellMongoCounter counter(ProcessRunner container) {
    return counter(container, PryvLayout.defaults());
  }

  private static ShellMongoCounter counter(ProcessRunner machine, PryvLayout layout) {
    return new ShellMongoCounter(
        new CommandRunner(
            machine,
            false,
            new PrintStream(new ByteArrayOutputStream()),
            Duration.ofSeconds(1),
            ""),
        new Commands(layout));
  }

  private static final Map<String, Long> COUNTS =
      Map.of("accesses", 2L, "events", 1200L, "streams", 3L);

  @Test
  void countsWithMongoshOnTheCurrentImageThatHasNoMongo() {
    Container container =
        new Container(Map.of(BIN + "mongosh", "1.8.2", BIN + "mongodump", "100.7.0"), true);
    ShellMongoCounter counter = counter(container);
    assertEquals(new TreeMap<>(COUNTS), counter.count("pryv-node"));
    // one shell run: the count itself, which also says the shell's version
    assertEquals(
        List.of(
            List.of(
                "docker",
                "exec",
                "pryvio_mongodb",
                BIN + "mongosh",
                "--quiet",
                "--norc",
                "pryv-node",
                "--eval",
                ShellMongoCounter.script())),
        container.commands);
    assertEquals(
        new MongoShell("mongosh", BIN + "mongosh", "1.8.2"), counter.shell().orElseThrow());
    assertEquals(
        "mongosh 1.8.2 (/app/bin/mongodb/bin/mongosh) in pryvio_mongodb", counter.description());
  }

  @Test
  void countsWithTheLegacyShellOnA36Image() {
    Container container =
        new Container(Map.of(BIN + "mongo", "3.6.23", BIN + "mongodump", "r3.6.23"), true);
    ShellMongoCounter counter = counter(container);
    assertEquals(new TreeMap<>(COUNTS), counter.count("pryv-node"));
    // mongosh's count (absent: exit 126), then mongo's count
    assertEquals(2, container.commands.size(), container.commands.toString());
    assertEquals(BIN + "mongosh", container.commands.get(0).get(3));
    assertEquals(ShellMongoCounter.script(), container.commands.get(0).get(8));
    assertEquals(BIN + "mongo", container.commands.get(1).get(3));
    assertEquals(
        "mongo 3.6.23 (/app/bin/mongodb/bin/mongo) in pryvio_mongodb", counter.description());
  }

  @Test
  void looksForTheShellOnceNotAtEveryCount() {
    Container container = new Container(Map.of(BIN + "mongo", "3.6.23"), true);
    ShellMongoCounter counter = counter(container);
    counter.count("pryv-node");
    counter.count("pryv-node");
    // mongosh's count (absent), mongo's count, then mongo's count straight away
    assertEquals(3, container.commands.size(), container.commands.toString());
    assertTrue(
        container.commands.stream().noneMatch(c -> c.contains("--version")),
        container.commands.toString());
    assertEquals(BIN + "mongo", container.commands.get(2).get(3));
  }

  @Test
  void noShellIsAnEnvironmentErrorThatNamesBothAndTheDriver() {
    ShellMongoCounter counter = counter(new Container(Map.of(BIN + "mongodump", "100.7.0"), true));
    ToolException e = assertThrows(ToolException.class, () -> counter.count("pryv-node"));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "no MongoDB shell in container pryvio_mongodb: neither "
                    + BIN
                    + "mongosh (MongoDB 6.0 images) nor "
                    + BIN
                    + "mongo (3.6 and older) is there to run"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--mongo-uri mongodb://HOST:PORT"), e.getMessage());
  }

  @Test
  void aShellThatFailsOtherwiseIsAnErrorNotAReasonToTryTheLegacyOne() {
    List<List<String>> commands = new ArrayList<>();
    ProcessRunner container =
        (command, dir, timeout) -> {
          commands.add(command);
          return new ProcessRunner.Result(
              command, 1, "", "MongoNetworkError: connect ECONNREFUSED 127.0.0.1:27017\n");
        };
    ShellMongoCounter counter = counter(container);
    ToolException e = assertThrows(ToolException.class, () -> counter.count("pryv-node"));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(e.getMessage().contains("ECONNREFUSED"), e.getMessage());
    assertEquals(1, commands.size(), "mongo is not tried: " + commands);
  }

  @Test
  void aStoppedContainerIsSaidSoNotMistakenForAMissingShell() {
    ShellMongoCounter counter = counter(new Container(Map.of(BIN + "mongosh", "1.8.2"), false));
    ToolException e = assertThrows(ToolException.class, () -> counter.count("pryv-node"));
    assertTrue(
        e.getMessage().startsWith("container pryvio_mongodb is not running"), e.getMessage());
  }

  @Test
  void withLocalExecAProgramMissingFromPathIsNotThisShell() {
    List<List<String>> commands = new ArrayList<>();
    ProcessRunner machine =
        (command, dir, timeout) -> {
          commands.add(command);
          if (command.get(0).equals("mongosh")) {
            throw ToolException.environment(
                "cannot run mongosh: error=2, No such file or directory",
                new java.io.IOException("error=2, No such file or directory"));
          }
          return new ProcessRunner.Result(
              command, 0, "{\"shell\":\"3.6.23\",\"counts\":{\"events\":5}}\n", "");
        };
    PryvLayout local =
        io.pryv.migration.dockerops.cli.DockerOpsOptionsParser.parse(
                new String[] {"--exec", "local", "mongo-dump"}, Map.of())
            .layout();
    ShellMongoCounter counter = counter(machine, local);
    assertEquals(new TreeMap<>(Map.of("events", 5L)), counter.count("pryv-node"));
    assertEquals(
        List.of("mongo", "--quiet", "--norc", "pryv-node", "--eval", ShellMongoCounter.script()),
        commands.get(commands.size() - 1));
    assertEquals("mongo 3.6.23 (mongo)", counter.description());
  }

  @Test
  void theStandInAnswersExactlyThisScript() {
    // the test images' shells evaluate no JavaScript: they recognise docker-ops' script word for
    // word
    assertEquals(
        io.pryv.migration.standins.mongodb.Shell.COUNT_DOCUMENTS, ShellMongoCounter.script());
  }

  @Test
  void parsesTheLastJsonLine() {
    ShellMongoCounter.Answer answer =
        ShellMongoCounter.parse(
            "2026-01-01T00:00:00.000+0000 W CONTROL  some startup warning\n"
                + "{\"shell\":\"3.6.23\",\"counts\":{\"events\":1200,\"streams\":3}}\n",
            "db",
            "mongo");
    assertEquals(new TreeMap<>(Map.of("events", 1200L, "streams", 3L)), answer.counts());
    assertEquals("3.6.23", answer.version());
    // a collection named like a key of the envelope is just a collection
    assertEquals(
        new TreeMap<>(Map.of("shell", 4L, "counts", 5L)),
        ShellMongoCounter.parse(
                "{\"shell\":\"1.8.2\",\"counts\":{\"shell\":4,\"counts\":5}}", "db", "mongosh")
            .counts());
    assertEquals(
        new ShellMongoCounter.Answer("unknown", new TreeMap<>()),
        ShellMongoCounter.parse("{\"counts\":{}}\n", "db", "mongosh"));
    assertThrows(
        ToolException.class,
        () -> ShellMongoCounter.parse("Error: couldn't connect", "db", "mongosh"));
    assertThrows(
        ToolException.class,
        () ->
            ShellMongoCounter.parse(
                "{\"shell\":\"1.8.2\",\"counts\":{\"events\":\"x\"}}", "db", "mongosh"));
    // the answer of the script before the version was added: no envelope, refused
    assertThrows(
        ToolException.class, () -> ShellMongoCounter.parse("{\"events\":1200}", "db", "mongosh"));
  }
}
