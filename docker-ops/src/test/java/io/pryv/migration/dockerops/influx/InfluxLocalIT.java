package io.pryv.migration.dockerops.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.dockerops.cli.DockerOpsTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --exec local} influx-backup → influx-restore between two real influxd 1.x processes
 * (Debian's influxdb), through the whole command line, with data written first and counted after.
 */
class InfluxLocalIT {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run tool(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new DockerOpsTool(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(),
                Clock.systemUTC())
            .run(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static List<String> points(String measurement, int series, int perSeries) {
    List<String> lines = new ArrayList<>();
    for (int s = 0; s < series; s++) {
      for (int i = 0; i < perSeries; i++) {
        lines.add(
            measurement
                + ",stream=s"
                + s
                + " value="
                + (i * 1.5)
                + ",note=\"n"
                + i
                + "\" "
                + (1_600_000_000L + i * 60L + s));
      }
    }
    return lines;
  }

  @Test
  void backupThenRestoreIntoAnotherInfluxd() throws Exception {
    try (InfluxdServer source = InfluxdServer.start(dir.resolve("source"));
        InfluxdServer dest = InfluxdServer.start(dir.resolve("dest"))) {
      source.execute(null, "CREATE DATABASE \"user.ckabc\"");
      source.execute(null, "CREATE DATABASE \"user.ck-def\"");
      source.execute(null, "CREATE DATABASE empty_db");
      source.insert("user.ckabc", points("event.e1", 3, 40));
      source.insert("user.ckabc", points("event.e2", 1, 25));
      source.insert("user.ck-def", points("event.e9", 2, 10));

      Path backup = Files.createDirectories(dir.resolve("backup"));
      Files.writeString(backup.resolve("20200101T000000Z.manifest"), "an earlier backup");
      Run backupRun =
          tool(
              "--exec",
              "local",
              "--influx-rpc",
              source.rpc(),
              "--influx-http",
              source.http(),
              "--influx-backup-host",
              backup.toString(),
              "influx-backup");
      assertEquals(0, backupRun.exit(), backupRun.err());
      assertTrue(
          backupRun
              .out()
              .contains("user.ckabc                              4 series          145 points"),
          backupRun.out());
      assertTrue(
          backupRun
              .out()
              .contains("user.ck-def                             2 series           20 points"),
          backupRun.out());
      assertTrue(
          backupRun
              .out()
              .contains("empty_db                                0 series            0 points"),
          backupRun.out());
      assertTrue(
          backupRun.out().contains("earlier backup moved aside to " + backup + ".aside-"),
          backupRun.out());
      try (Stream<Path> aside = Files.list(dir)) {
        Path asideDir =
            aside
                .filter(p -> p.getFileName().toString().startsWith("backup.aside-"))
                .findFirst()
                .orElseThrow();
        assertEquals(
            "an earlier backup", Files.readString(asideDir.resolve("20200101T000000Z.manifest")));
      }
      assertTrue(Files.exists(backup.resolve(InfluxCountsFile.FILE_NAME)));

      Path destBackup = dir.resolve("dest-backup");
      copyFolder(backup, destBackup); // what backup-transfer does between machines
      Run restore =
          tool(
              "--exec",
              "local",
              "--influx-rpc",
              dest.rpc(),
              "--influx-http",
              dest.http(),
              "--influx-backup-host",
              destBackup.toString(),
              "--json",
              "influx-restore");
      assertEquals(0, restore.exit(), restore.err());
      assertTrue(
          restore
              .out()
              .contains("\"user.ckabc\" : {\n      \"series\" : 4,\n      \"points\" : 145"),
          restore.out());
      // the data itself is there, read back with the real influx client
      assertEquals(
          120, InfluxCount.of(dest.execute("user.ckabc", "SELECT COUNT(value) FROM \"event.e1\"")));

      // a second restore: the databases exist; the tool says so and prints the documented way
      // around
      Run again =
          tool(
              "--exec",
              "local",
              "--influx-rpc",
              dest.rpc(),
              "--influx-http",
              dest.http(),
              "--influx-backup-host",
              destBackup.toString(),
              "influx-restore");
      assertEquals(4, again.exit(), again.err());
      assertTrue(
          again
              .err()
              .startsWith(
                  "docker-ops: error: InfluxDB already has database(s) empty_db, user.ck-def,"
                      + " user.ckabc; influxd restore -portable refuses"),
          again.err());
      assertTrue(
          again
              .err()
              .contains(
                  "influxd restore -portable -host "
                      + dest.rpc()
                      + " -db empty_db -newdb"
                      + " empty_db_restored "
                      + destBackup
                      + "/"),
          again.err());
      assertTrue(
          again
              .err()
              .contains(
                  "SELECT * INTO \"empty_db\"..:MEASUREMENT FROM \"empty_db_restored\"../.*/"
                      + " GROUP BY *"),
          again.err());

      // --drop (a re-run after a partial restore): what the earlier attempt wrote is replaced,
      // never merged
      dest.insert("user.ckabc", List.of("event.stray value=1 1500000000"));
      Run replaced =
          tool(
              "--exec",
              "local",
              "--influx-rpc",
              dest.rpc(),
              "--influx-http",
              dest.http(),
              "--influx-backup-host",
              destBackup.toString(),
              "--drop",
              "influx-restore");
      assertEquals(0, replaced.exit(), replaced.err());
      assertTrue(
          replaced.err().contains("--drop: dropping database user.ckabc (the backup replaces it)"),
          replaced.err());
      assertTrue(
          replaced.out().contains("(--drop replaced empty_db, user.ck-def, user.ckabc)"),
          replaced.out());
      assertEquals(
          120, InfluxCount.of(dest.execute("user.ckabc", "SELECT COUNT(value) FROM \"event.e1\"")));
      assertTrue(
          InfluxCount.parse(dest.execute("user.ckabc", "SELECT COUNT(value) FROM \"event.stray\""))
              .isEmpty());
    }
  }

  @Test
  void theDocumentedWayAroundWorksOnRealInfluxd() throws Exception {
    try (InfluxdServer source = InfluxdServer.start(dir.resolve("source"));
        InfluxdServer dest = InfluxdServer.start(dir.resolve("dest"))) {
      source.execute(null, "CREATE DATABASE \"user.x\"");
      source.insert("user.x", points("event.a", 2, 15));
      Path backup = Files.createDirectories(dir.resolve("backup"));
      assertEquals(
          0,
          tool(
                  "--exec",
                  "local",
                  "--influx-rpc",
                  source.rpc(),
                  "--influx-http",
                  source.http(),
                  "--influx-backup-host",
                  backup.toString(),
                  "influx-backup")
              .exit());
      dest.execute(null, "CREATE DATABASE \"user.x\"");
      dest.insert("user.x", List.of("event.local value=1 1500000000"));
      Run refused =
          tool(
              "--exec",
              "local",
              "--influx-rpc",
              dest.rpc(),
              "--influx-http",
              dest.http(),
              "--influx-backup-host",
              backup.toString(),
              "influx-restore");
      assertEquals(4, refused.exit(), refused.err());
      // run the commands the message offers, as printed (they are argument lists, quoted for a
      // shell)
      String message = refused.err();
      List<String> offered = new ArrayList<>();
      for (String part :
          message.substring(message.indexOf("new name: ") + "new name: ".length()).split(" ; ")) {
        String command =
            part.replaceFirst("^copy its points into the existing database: ", "")
                .replaceFirst(
                    "^then, once the existing database shows those points, drop the copy: ", "");
        int note = command.indexOf(" (right after the restore");
        command = note >= 0 ? command.substring(0, note) : command;
        int end = command.indexOf(" . ");
        offered.add(end >= 0 ? command.substring(0, end) : command.strip());
      }
      assertEquals(3, offered.size(), offered.toString());
      // As the message says: restore under the new name, wait until the copy answers with the
      // backup's
      // counts, copy into the existing database, check the points arrived, and only then drop the
      // copy.
      runOffered(offered.get(0));
      awaitCount(dest, "user.x_restored", 30);
      runOffered(offered.get(1));
      awaitCount(dest, "user.x", 30);
      runOffered(offered.get(2));
      assertEquals(
          1, InfluxCount.of(dest.execute("user.x", "SELECT COUNT(value) FROM \"event.local\"")));
      assertEquals(
          30, InfluxCount.of(dest.execute("user.x", "SELECT COUNT(value) FROM \"event.a\"")));
      assertTrue(!dest.execute(null, "SHOW DATABASES").contains("user.x_restored"));
    }
  }

  /** Runs a command the tool printed, asking again while a just-restored shard is not open yet. */
  private static void runOffered(String command) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() == 0) {
        return;
      }
      boolean notOpenYet = out.contains("engine is closed") || out.contains("shard is disabled");
      assertTrue(notOpenYet && System.nanoTime() < deadline, command + ": " + out);
      Thread.sleep(200);
    }
  }

  /**
   * Waits until COUNT(value) of event.a in the database shows the expected number (restored shards
   * open late).
   */
  private static void awaitCount(InfluxdServer server, String database, long expected)
      throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = server.execute(database, "SELECT COUNT(value) FROM \"event.a\"");
        if (InfluxCount.parse(last).orElse(-1) == expected) {
          return;
        }
      } catch (IllegalStateException e) {
        last = e.getMessage();
      }
      Thread.sleep(200);
    }
    throw new AssertionError(database + " never answered with " + expected + " points: " + last);
  }

  static void copyFolder(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
