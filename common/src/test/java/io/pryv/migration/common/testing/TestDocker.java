package io.pryv.migration.common.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The private Docker engine of {@code tests/infra/docker-engine.sh start} (env DOCKER_HOST) with
 * its locally built images; the test is skipped on a developer machine without it and fails in CI.
 */
public final class TestDocker {
  public static final String ENGINE =
      "a Docker engine with the pryv-test images (run"
          + " tests/infra/docker-engine.sh start and export the DOCKER_HOST it prints)";

  /**
   * This test run's mark (JVM pid and a random part): container names end with it, so that runs
   * sharing the engine (two worktrees, CI and a developer) never touch each other's containers.
   */
  private static final String RUN =
      Long.toString(ProcessHandle.current().pid(), 36)
          + Integer.toString(new java.security.SecureRandom().nextInt(36 * 36 * 36), 36);

  private final String docker;
  private final String host;

  private TestDocker(String docker, String host) {
    this.docker = docker;
    this.host = host;
  }

  public static TestDocker require(String... images) {
    String docker = RequiredPrograms.require("docker").toString();
    String host = System.getenv("DOCKER_HOST");
    RequiredPrograms.requireThat(
        host != null && !host.isBlank(), ENGINE + ": DOCKER_HOST is not set");
    TestDocker engine = new TestDocker(docker, host);
    RequiredPrograms.requireThat(
        engine.run("version", "--format", "{{.Server.Version}}").exit == 0,
        ENGINE + ": the daemon at " + host + " does not answer");
    for (String image : images) {
      RequiredPrograms.requireThat(
          engine.run("image", "inspect", image).exit == 0,
          ENGINE + ": image " + image + " is missing");
    }
    return engine;
  }

  /**
   * A container name for this run: {@code base} and the run's mark ({@code pryvio_nginx_k3x9a}).
   * Images are shared; containers are named with this and removed by the test that starts them.
   */
  public static String name(String base) {
    return base + "_" + RUN;
  }

  public String host() {
    return host;
  }

  public String docker() {
    return docker;
  }

  public record Result(int exit, String out) {}

  public Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(docker, "-H", host));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Result(p.exitValue(), out.strip());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String ok(String... args) {
    Result r = run(args);
    if (r.exit != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + r.out);
    }
    return r.out;
  }

  public void remove(String... containers) {
    for (String c : containers) {
      run("rm", "-f", "-v", c);
    }
  }

  /**
   * Polls a command in a container until it succeeds (a service starting), at most {@code timeout}.
   */
  public void awaitExec(String container, Duration timeout, String... command)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> args = new ArrayList<>(List.of("exec", container));
    args.addAll(List.of(command));
    Result last;
    do {
      last = run(args.toArray(String[]::new));
      if (last.exit == 0) {
        return;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException(
        String.join(" ", command) + " in " + container + " never succeeded: " + last.out);
  }
}
