package io.pryv.migration.transfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.transfer.tree.LocalFolders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that cannot be reached, as the kernel says it: the tool runs in a network namespace of its
 * own ({@code unshare -n}) where 10.11.0.0/16 is unreachable (no route) and 10.13.0.0/16 routed to
 * loopback with every packet dropped (the connection times out).
 */
class UnreachableHostIT {
  private static final String NETWORK =
      "ip link set lo up"
          + " && ip route add unreachable 10.11.0.0/16"
          + " && ip route add local 10.13.0.0/16 dev lo"
          + " && iptables -A INPUT -d 10.13.0.0/16 -j DROP";

  @BeforeAll
  static void requirements() {
    RequiredPrograms.requireThat(
        LocalFolders.currentUid() == 0, "root (a network namespace of its own)");
    RequiredPrograms.require("unshare");
    RequiredPrograms.require("ip");
    RequiredPrograms.require("iptables");
  }

  @Test
  void noRouteToHost(@TempDir Path dir) throws Exception {
    Result push = push(dir, "10.11.0.5", 20);
    assertEquals(4, push.exit(), push.output());
    assertEquals(
        "backup-transfer: error: cannot reach root@10.11.0.5: no route to host (No route to host); check"
            + " the address and this machine's network\n",
        push.output());
    assertFalse(Files.exists(dir.resolve("dst")));
  }

  @Test
  void timedOut(@TempDir Path dir) throws Exception {
    Result push = push(dir, "10.13.0.5", 2);
    assertEquals(4, push.exit(), push.output());
    assertEquals(1, push.output().lines().count(), push.output());
    assertTrue(
        push.output()
            .startsWith(
                "backup-transfer: error: cannot reach root@10.13.0.5: timed out after 2 s"
                    + " with no answer"),
        push.output());
  }

  private record Result(int exit, String output) {}

  private static Result push(Path dir, String host, int timeoutSeconds) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "x");
    Path key =
        Files.writeString(dir.resolve("id_ed25519"), "never read: no connection gets that far");
    List<String> java =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "push",
                "-i",
                key.toString(),
                "--known-hosts",
                dir.resolve("known_hosts").toString(),
                "--connect-timeout",
                Integer.toString(timeoutSeconds),
                src.toString(),
                "root@" + host + ":" + dir.resolve("dst")));
    List<String> command =
        new ArrayList<>(List.of("unshare", "-n", "sh", "-c", NETWORK + " && exec \"$@\"", "sh"));
    command.addAll(java);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    return new Result(process.exitValue(), output);
  }
}
