package io.pryv.migration.dockerops.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.dockerops.cli.DockerOpsOptionsParser;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandsTest {

  @Test
  void dockerExecWrapsTheToolAsAnArgumentList() {
    Commands c = new Commands(PryvLayout.defaults());
    assertEquals(
        List.of(
            "docker",
            "exec",
            "pryvio_mongodb",
            "/app/bin/mongodb/bin/mongodump",
            "-d",
            "pryv-node"),
        c.inMongo(List.of("/app/bin/mongodb/bin/mongodump", "-d", "pryv-node")));
    assertEquals(List.of("docker", "stop", "pryvio_nginx"), c.docker("stop", "pryvio_nginx"));
  }

  @Test
  void dockerHostAndLocalExec() {
    PryvLayout viaSocket =
        DockerOpsOptionsParser.parse(
                new String[] {"--docker-host", "unix:///s.sock", "status"}, Map.of())
            .layout();
    assertEquals(
        List.of("docker", "-H", "unix:///s.sock", "exec", "pryvio_influxdb", "influx"),
        new Commands(viaSocket).inInflux(List.of("influx")));
    PryvLayout local =
        DockerOpsOptionsParser.parse(new String[] {"--exec", "local", "influx-backup"}, Map.of())
            .layout();
    assertEquals(
        List.of("influxd", "backup"), new Commands(local).inInflux(List.of("influxd", "backup")));
  }

  @Test
  void dryRunPrintsQuotedCommandAndRunsNothing() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ProcessRunner mustNotRun =
        (command, dir, timeout) -> {
          throw new AssertionError("ran " + command);
        };
    CommandRunner runner =
        new CommandRunner(
            mustNotRun,
            true,
            new PrintStream(log, true, StandardCharsets.UTF_8),
            Duration.ofSeconds(1),
            "");
    ProcessRunner.Result r =
        runner.run(List.of("docker", "exec", "c", "sh", "-c", "echo 'hi'; rm -rf /"));
    assertEquals(0, r.exitCode());
    assertEquals(
        "would run: docker exec c sh -c 'echo '\\''hi'\\''; rm -rf /'\n",
        log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void failuresNameTheContainerAndTheCommand() {
    CommandRunner runner =
        new CommandRunner(
            (command, dir, timeout) ->
                new ProcessRunner.Result(
                    command, 1, "", "Error response from daemon: Container 3f2a is not running\n"),
            false,
            new PrintStream(new ByteArrayOutputStream()),
            Duration.ofSeconds(1),
            " on u@h");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.pryv.migration.common.ToolException.class,
            () -> runner.run(List.of("docker", "exec", "pryvio_mongodb", "mongodump")));
    assertEquals(io.pryv.migration.common.ExitCode.ENVIRONMENT, e.exitCode());
    assertEquals(
        "container pryvio_mongodb is not running (start it first: docker-ops start pryvio_mongodb);"
            + " command: docker exec pryvio_mongodb mongodump on u@h",
        e.getMessage());
  }

  @Test
  void failureMessages() {
    assertTrue(
        FailureMessages.describe(
                new ProcessRunner.Result(
                    List.of("docker", "stop", "x"),
                    1,
                    "",
                    "Error response from daemon: No such container: x"))
            .startsWith("container x does not exist"));
    assertTrue(
        FailureMessages.describe(
                new ProcessRunner.Result(
                    List.of("docker", "ps"),
                    1,
                    "",
                    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"))
            .startsWith("docker is not reachable: Cannot connect"));
    assertEquals(
        "command failed in container pryvio_influxdb with exit code 1: docker -H unix:///s exec"
            + " pryvio_influxdb influxd restore (error: database already exists)",
        FailureMessages.describe(
            new ProcessRunner.Result(
                List.of(
                    "docker", "-H", "unix:///s", "exec", "pryvio_influxdb", "influxd", "restore"),
                1,
                "",
                "starting\nerror: database already exists\n")));
    assertEquals(
        "command failed with exit code 2: chown -R 9999:9999 -- /x (chown: invalid)",
        FailureMessages.describe(
            new ProcessRunner.Result(
                List.of("chown", "-R", "9999:9999", "--", "/x"), 2, "", "chown: invalid")));
  }
}
