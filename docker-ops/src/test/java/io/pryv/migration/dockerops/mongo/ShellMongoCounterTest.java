package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.PryvLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The mongo shell count: command line and output parsing (no mongo shell can run here: see the README). */
class ShellMongoCounterTest {

  @Test
  void commandRunsTheShellNextToMongodump() {
    ShellMongoCounter counter = new ShellMongoCounter(new CommandRunner((c, d, t) -> null, false,
        new PrintStream(new ByteArrayOutputStream()), Duration.ofSeconds(1), ""), new Commands(PryvLayout.defaults()));
    List<String> command = counter.command("pryv-node");
    assertEquals(List.of("docker", "exec", "pryvio_mongodb", "/app/bin/mongodb/bin/mongo", "--quiet", "--norc",
        "pryv-node", "--eval"), command.subList(0, 8));
    assertEquals(ShellMongoCounter.script(), command.get(8));
  }

  @Test
  void parsesTheLastJsonLine() {
    assertEquals(new TreeMap<>(Map.of("events", 1200L, "streams", 3L)), ShellMongoCounter.parse(
        "2026-01-01T00:00:00.000+0000 W CONTROL  some startup warning\n{\"events\":1200,\"streams\":3}\n", "db"));
    assertEquals(new TreeMap<>(), ShellMongoCounter.parse("{}\n", "db"));
    assertThrows(ToolException.class, () -> ShellMongoCounter.parse("Error: couldn't connect", "db"));
    assertThrows(ToolException.class, () -> ShellMongoCounter.parse("{\"events\":\"x\"}", "db"));
  }
}
