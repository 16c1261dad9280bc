package io.pryv.migration.dockerops.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.TestDocker;
import io.pryv.migration.dockerops.testing.ToolRun;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * status / stop / start / restart on real containers named like Pryv's, in the private Docker
 * engine.
 */
class DockerContainersIT {
  private static final String NGINX = TestDocker.name("pryvio_nginx");
  private static final String CORE = TestDocker.name("pryvio_core");

  private TestDocker docker;

  @BeforeEach
  void containers() {
    docker = TestDocker.require("pryv-test/nginx:1", "pryv-test/tools:1");
    docker.remove(NGINX, CORE);
    docker.ok("run", "-d", "--name", NGINX, "--network", "none", "pryv-test/nginx:1");
    docker.ok(
        "run", "-d", "--name", CORE, "--network", "none", "pryv-test/tools:1", "sleep", "infinity");
  }

  @AfterEach
  void remove() {
    if (docker != null) {
      docker.remove(NGINX, CORE);
    }
  }

  private String state(String container) {
    return docker.ok("inspect", "-f", "{{.State.Status}}", container);
  }

  @Test
  void statusListsThePryvContainers() throws Exception {
    ToolRun status =
        ToolRun.of("--docker-host", docker.host(), "status", NGINX, CORE, "pryvio_hfs");
    assertEquals(0, status.exit(), status.toString());
    assertTrue(
        status
            .out()
            .matches(
                "(?s)CONTAINER +STATE +STATUS +IMAGE\n"
                    + Pattern.quote(NGINX)
                    + " +running +Up [^\n]+pryv-test/nginx:1\n"
                    + Pattern.quote(CORE)
                    + " +running +Up [^\n]+pryv-test/tools:1\n"
                    + "pryvio_hfs +absent +\n"),
        status.out());
    // without names: every Pryv container, in Pryv's order, absent ones included
    ToolRun all = ToolRun.of("--docker-host", docker.host(), "status");
    assertEquals(0, all.exit(), all.toString());
    assertTrue(
        all.out()
            .matches(
                "(?s)CONTAINER +STATE +STATUS +IMAGE\n"
                    + "pryvio_nginx +[^\n]*\npryvio_core +[^\n]*\npryvio_hfs +[^\n]*\n.*"),
        all.out());
    ToolRun json = ToolRun.of("--docker-host", docker.host(), "--json", "status", CORE);
    var node = io.pryv.migration.common.JsonOutput.mapper().readTree(json.out());
    assertEquals(1, node.size(), json.out());
    assertEquals(CORE, node.get(0).get("name").asText());
    assertEquals("running", node.get(0).get("state").asText());
    assertEquals("pryv-test/tools:1", node.get(0).get("image").asText());
  }

  @Test
  void stopStartRestart() {
    ToolRun stop = ToolRun.of("--docker-host", docker.host(), "--stop-timeout", "1", "stop", NGINX);
    assertEquals(0, stop.exit(), stop.toString());
    assertEquals("exited", state(NGINX));
    assertEquals("running", state(CORE), "only the named container stops");
    assertTrue(stop.out().contains(String.format("%-24s exited", NGINX)), stop.out());
    assertTrue(
        stop.err().contains("$ docker -H " + docker.host() + " stop -t 1 " + NGINX), stop.err());

    ToolRun start = ToolRun.of("--docker-host", docker.host(), "start", NGINX);
    assertEquals(0, start.exit(), start.toString());
    assertEquals("running", state(NGINX));

    String startedBefore = docker.ok("inspect", "-f", "{{.State.StartedAt}}", CORE);
    ToolRun restart =
        ToolRun.of("--docker-host", docker.host(), "--stop-timeout", "1", "restart", CORE, NGINX);
    assertEquals(0, restart.exit(), restart.toString());
    assertEquals("running", state(CORE));
    assertNotEquals(startedBefore, docker.ok("inspect", "-f", "{{.State.StartedAt}}", CORE));
  }

  @Test
  void dryRunChangesNothing() {
    ToolRun dry = ToolRun.of("--docker-host", docker.host(), "--dry-run", "stop", NGINX);
    assertEquals(0, dry.exit(), dry.toString());
    assertEquals("would run: docker -H " + docker.host() + " stop " + NGINX + "\n", dry.err());
    assertEquals("running", state(NGINX));
  }

  @Test
  void failuresAreOneClearLine() {
    ToolRun missing = ToolRun.of("--docker-host", docker.host(), "stop", NGINX, "pryvio_webhooks");
    assertEquals(4, missing.exit(), missing.toString());
    assertEquals(
        "docker-ops: error: container pryvio_webhooks does not exist (docker-ops status lists the Pryv"
            + " containers); nothing was changed\n",
        missing.err());
    assertEquals("running", state(NGINX), "nothing changed");

    ToolRun unreachable = ToolRun.of("--docker-host", "unix:///nonexistent/docker.sock", "status");
    assertEquals(4, unreachable.exit(), unreachable.toString());
    assertTrue(
        unreachable.err().startsWith("docker-ops: error: docker is not reachable: "),
        unreachable.err());
    assertEquals(1, unreachable.err().lines().count());

    docker.ok("stop", "-t", "1", CORE);
    ToolRun stopped =
        ToolRun.of(
            "--docker-host",
            docker.host(),
            "--exec",
            "docker",
            "--influx-container",
            CORE,
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
