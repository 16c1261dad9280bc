package io.pryv.migration.dockerops.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.TestDocker;
import io.pryv.migration.dockerops.testing.ToolRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * status / stop / start / restart on real containers named like Pryv's, in the private Docker
 * engine.
 */
class DockerContainersIT {
  private TestDocker docker;

  @BeforeEach
  void containers() {
    docker = TestDocker.require("pryv-test/nginx:1", "pryv-test/tools:1");
    docker.remove("pryvio_nginx", "pryvio_core");
    docker.ok("run", "-d", "--name", "pryvio_nginx", "--network", "none", "pryv-test/nginx:1");
    docker.ok(
        "run",
        "-d",
        "--name",
        "pryvio_core",
        "--network",
        "none",
        "pryv-test/tools:1",
        "sleep",
        "infinity");
  }

  @AfterEach
  void remove() {
    if (docker != null) {
      docker.remove("pryvio_nginx", "pryvio_core");
    }
  }

  private String state(String container) {
    return docker.ok("inspect", "-f", "{{.State.Status}}", container);
  }

  @Test
  void statusListsThePryvContainers() throws Exception {
    ToolRun status = ToolRun.of("--docker-host", docker.host(), "status");
    assertEquals(0, status.exit(), status.toString());
    assertTrue(
        status
            .out()
            .matches(
                "(?s)CONTAINER +STATE +STATUS +IMAGE\n"
                    + "pryvio_nginx +running +Up [^\n]+pryv-test/nginx:1\n"
                    + "pryvio_core +running +Up [^\n]+pryv-test/tools:1\n"
                    + "pryvio_hfs +absent +\n.*"),
        status.out());
    ToolRun json = ToolRun.of("--docker-host", docker.host(), "--json", "status", "pryvio_core");
    var node = io.pryv.migration.common.JsonOutput.mapper().readTree(json.out());
    assertEquals(1, node.size(), json.out());
    assertEquals("pryvio_core", node.get(0).get("name").asText());
    assertEquals("running", node.get(0).get("state").asText());
    assertEquals("pryv-test/tools:1", node.get(0).get("image").asText());
  }

  @Test
  void stopStartRestart() {
    ToolRun stop =
        ToolRun.of("--docker-host", docker.host(), "--stop-timeout", "1", "stop", "pryvio_nginx");
    assertEquals(0, stop.exit(), stop.toString());
    assertEquals("exited", state("pryvio_nginx"));
    assertEquals("running", state("pryvio_core"), "only the named container stops");
    assertTrue(stop.out().contains("pryvio_nginx             exited"), stop.out());
    assertTrue(
        stop.err().contains("$ docker -H " + docker.host() + " stop -t 1 pryvio_nginx"),
        stop.err());

    ToolRun start = ToolRun.of("--docker-host", docker.host(), "start", "pryvio_nginx");
    assertEquals(0, start.exit(), start.toString());
    assertEquals("running", state("pryvio_nginx"));

    String startedBefore = docker.ok("inspect", "-f", "{{.State.StartedAt}}", "pryvio_core");
    ToolRun restart =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--stop-timeout",
            "1",
            "restart",
            "pryvio_core",
            "pryvio_nginx");
    assertEquals(0, restart.exit(), restart.toString());
    assertEquals("running", state("pryvio_core"));
    assertNotEquals(
        startedBefore, docker.ok("inspect", "-f", "{{.State.StartedAt}}", "pryvio_core"));
  }

  @Test
  void dryRunChangesNothing() {
    ToolRun dry = ToolRun.of("--docker-host", docker.host(), "--dry-run", "stop", "pryvio_nginx");
    assertEquals(0, dry.exit(), dry.toString());
    assertEquals("would run: docker -H " + docker.host() + " stop pryvio_nginx\n", dry.err());
    assertEquals("running", state("pryvio_nginx"));
  }

  @Test
  void failuresAreOneClearLine() {
    ToolRun missing =
        ToolRun.of("--docker-host", docker.host(), "stop", "pryvio_nginx", "pryvio_webhooks");
    assertEquals(4, missing.exit(), missing.toString());
    assertEquals(
        "docker-ops: error: container pryvio_webhooks does not exist (docker-ops status lists the Pryv"
            + " containers); nothing was changed\n",
        missing.err());
    assertEquals("running", state("pryvio_nginx"), "nothing changed");

    ToolRun unreachable = ToolRun.of("--docker-host", "unix:///nonexistent/docker.sock", "status");
    assertEquals(4, unreachable.exit(), unreachable.toString());
    assertTrue(
        unreachable.err().startsWith("docker-ops: error: docker is not reachable: "),
        unreachable.err());
    assertEquals(1, unreachable.err().lines().count());

    docker.ok("stop", "-t", "1", "pryvio_core");
    ToolRun stopped =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--exec",
            "docker",
            "--influx-container",
            "pryvio_core",
            "--influx-backup-host",
            "/tmp",
            "--dry-run",
            "influx-backup");
    assertEquals(
        0,
        stopped.exit(),
        "a dry run runs nothing, so it cannot fail on the container: " + stopped);
  }
}
