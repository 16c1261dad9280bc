package io.pryv.migration.dockerops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.dockerops.mongo.BsonDocumentCounterTest;
import io.pryv.migration.dockerops.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, without docker: help, version, usage errors, dry runs. */
class DockerOpsToolTest {

  @Test
  void helpExplainsWithExamples() {
    ToolRun help = ToolRun.of("--help");
    assertEquals(0, help.exit());
    assertTrue(
        help.out().startsWith("usage: docker-ops [OPTIONS] COMMAND [CONTAINER...]"), help.out());
    assertTrue(help.out().contains("docker-ops stop pryvio_nginx"));
    assertTrue(help.out().contains("--dry-run"));
  }

  @Test
  void versionAndUsageErrors() {
    assertTrue(ToolRun.of("--version").out().startsWith("docker-ops "));
    ToolRun bad = ToolRun.of("stop", "pryvio_nginx;reboot");
    assertEquals(2, bad.exit());
    assertEquals(
        "docker-ops: error: 'pryvio_nginx;reboot' is not a valid container name (letters, digits, '_',"
            + " '.', '-', starting with a letter or digit)\n",
        bad.err());
    assertEquals(2, ToolRun.of("--bogus", "status").exit());
  }

  @Test
  void dryRunPrintsEveryCommandOfAMongoDump(@TempDir Path root) throws Exception {
    Path backup = Files.createDirectories(root.resolve("pryv/mongodb/backup"));
    Files.writeString(backup.resolve("old.bson"), "x");
    ToolRun dry = ToolRun.of("--conf-root", root.toString(), "--dry-run", "mongo-dump");
    assertEquals(0, dry.exit(), dry.toString());
    assertEquals("", dry.out());
    assertEquals(
        String.join(
            "\n",
            "would move the earlier backup in "
                + backup
                + " aside to "
                + backup
                + ".aside-"
                + dry.err().split(".aside-")[1].split(" ")[0]
                + " (nothing is deleted): old.bson",
            "would run: docker exec pryvio_mongodb /app/bin/mongodb/bin/mongodump -d pryv-node -o /app/backup/",
            "would count the live documents of pryv-node with the MongoDB driver at the container's"
                + " address if it answers, else the mongo shell in pryvio_mongodb"
                + " and the documents in "
                + backup
                + "/pryv-node/*.bson, compare, and write "
                + backup
                + "/pryv-node.dump-manifest.json",
            ""),
        dry.err());
    assertTrue(Files.exists(backup.resolve("old.bson")));
  }

  @Test
  void dryRunPrintsThePlanWhereTheBackupFolderDoesNotExistYet(@TempDir Path root) {
    Path backup = root.resolve("pryv/mongodb/backup");
    ToolRun dry = ToolRun.of("--conf-root", root.toString(), "--dry-run", "mongo-dump");
    assertEquals(0, dry.exit(), dry.toString());
    assertEquals(
        String.join(
            "\n",
            "backup folder "
                + backup
                + " does not exist (yet): the real run refuses to start until it does (it is the"
                + " host side of the container's backup mount; check --conf-root / --mongo-backup-host)",
            "would run: docker exec pryvio_mongodb /app/bin/mongodb/bin/mongodump -d pryv-node -o /app/backup/",
            "would count the live documents of pryv-node with the MongoDB driver at the container's"
                + " address if it answers, else the mongo shell in pryvio_mongodb"
                + " and the documents in "
                + backup
                + "/pryv-node/*.bson, compare, and write "
                + backup
                + "/pryv-node.dump-manifest.json",
            ""),
        dry.err());
    assertFalse(Files.exists(backup), "a dry run creates nothing");
    ToolRun real = ToolRun.of("--conf-root", root.toString(), "--exec", "local", "mongo-dump");
    assertEquals(3, real.exit(), real.toString());
    assertTrue(
        real.err().startsWith("docker-ops: error: backup folder " + backup + " does not exist"),
        real.err());
  }

  @Test
  void ensurePermissionsRefusesAConfRootThatDoesNotExist(@TempDir Path dir) {
    Path missing = dir.resolve("var/pryv");
    for (boolean dryRun : new boolean[] {false, true}) {
      ToolRun run =
          dryRun
              ? ToolRun.of("--conf-root", missing.toString(), "--dry-run", "ensure-permissions")
              : ToolRun.of("--conf-root", missing.toString(), "ensure-permissions");
      assertEquals(3, run.exit(), run.toString());
      assertEquals(
          "docker-ops: error: --conf-root "
              + missing
              + ": no such folder; nothing was changed (give the"
              + " folder that holds pryv/ and config-follower/, usually /var/pryv)\n",
          run.err());
      assertEquals("", run.out());
    }
    assertFalse(Files.exists(dir.resolve("var")));
  }

  @Test
  void aUsageErrorIsOneLineEvenWithVerboseAndOptionsGoAnywhere() {
    for (String[] args :
        new String[][] {
          {"--verbose", "bogus"},
          {"status", "--verbose", "--bogus"},
          {"--verbose", "stop"},
          {"--verbose", "--host", "root@bad;host", "status"}
        }) {
      ToolRun usage = ToolRun.of(args);
      assertEquals(2, usage.exit(), usage.toString());
      assertEquals(1, usage.err().lines().count(), usage.toString());
    }
    ToolRun longOption = ToolRun.of("--" + "x".repeat(5000), "status");
    assertEquals(2, longOption.exit());
    assertTrue(longOption.err().length() < 300, longOption.err());
    ToolRun after = ToolRun.of("stop", "pryvio_nginx", "--dry-run");
    assertEquals(0, after.exit(), after.toString());
    assertEquals("would run: docker stop pryvio_nginx\n", after.err());
    ToolRun dashes = ToolRun.of("--dry-run", "--", "stop", "pryvio_nginx");
    assertEquals(after, dashes);
    ToolRun optionAfterDashes = ToolRun.of("stop", "--", "--dry-run");
    assertEquals(
        2,
        optionAfterDashes.exit(),
        "after --, --dry-run is a (bad) container name: " + optionAfterDashes);
  }

  @Test
  void mongoCheckEndToEnd(@TempDir Path root) throws Exception {
    String[] base = {"--conf-root", root.toString(), "--exec", "local", "mongo-check"};
    Path backup = Files.createDirectories(root.resolve("pryv/mongodb/backup"));
    String manifest = backup + "/pryv-node.dump-manifest.json";
    ToolRun none = ToolRun.of(base);
    assertEquals(3, none.exit(), none.toString());
    assertTrue(
        none.err().startsWith("docker-ops: error: no dump manifest at " + manifest), none.err());

    Path db = Files.createDirectories(backup.resolve("pryv-node"));
    Files.write(db.resolve("events.bson"), BsonDocumentCounterTest.bsonFile(12));
    Files.write(db.resolve("streams.bson"), BsonDocumentCounterTest.bsonFile(3));
    ToolRun dry =
        ToolRun.of("--dry-run", "--conf-root", root.toString(), "mongo-check", "--write-manifest");
    assertEquals(0, dry.exit(), dry.toString());
    assertTrue(dry.err().startsWith("would count the documents in " + db), dry.err());
    ToolRun write = ToolRun.of("--conf-root", root.toString(), "mongo-check", "--write-manifest");
    assertEquals(0, write.exit(), write.toString());
    assertTrue(
        write
            .out()
            .endsWith(
                "manifest written from the dump files (no live count): 15 documents in 2"
                    + " collections in "
                    + manifest
                    + "\n"),
        write.out());
    ToolRun again = ToolRun.of("--conf-root", root.toString(), "mongo-check", "--write-manifest");
    assertTrue(
        again
            .out()
            .contains("holds the same counts (15 documents in 2 collections); left unchanged"),
        again.out());

    ToolRun ok = ToolRun.of(base);
    assertEquals(0, ok.exit(), ok.toString());
    assertEquals(
        "  events                                     12\n  streams                                     3\n"
            + "dump of pryv-node matches its manifest: 15 documents in 2 collections ("
            + manifest
            + ")\n",
        ok.out());

    Files.delete(db.resolve("streams.bson"));
    ToolRun differs = ToolRun.of(base);
    assertEquals(1, differs.exit(), differs.toString());
    assertTrue(differs.err().contains("does not match its manifest " + manifest), differs.err());
    assertTrue(
        differs.err().contains("streams: 3 in the manifest, missing in the dump files"),
        differs.err());
    ToolRun json = ToolRun.of("--json", "--conf-root", root.toString(), "mongo-check");
    assertEquals(1, json.exit(), json.toString());
    assertTrue(json.out().contains("\"outcome\" : \"DIFFERS\""), json.out());
    ToolRun refused = ToolRun.of("--conf-root", root.toString(), "mongo-check", "--write-manifest");
    assertEquals(1, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("disagrees with the dump files"), refused.err());
  }

  @Test
  void commandsJoinedByCommasRunInOrderInOneCallAndStopAtTheFirstFailure(@TempDir Path root)
      throws Exception {
    Path db = Files.createDirectories(root.resolve("pryv/mongodb/backup/pryv-node"));
    Files.write(db.resolve("events.bson"), BsonDocumentCounterTest.bsonFile(4));
    Files.createDirectories(root.resolve("config-follower"));
    Path owned = Files.createDirectories(root.resolve("pryv/core/data"));
    String[] conf = {"--conf-root", root.toString(), "--exec", "local"};

    // the first step fails (no manifest yet): the second never runs
    ToolRun stopped = ToolRun.of(concat(conf, "mongo-check,ensure-permissions"));
    assertEquals(3, stopped.exit(), stopped.toString());
    assertFalse(
        Files.getAttribute(owned, "unix:uid").equals(9999),
        "ensure-permissions ran after a failure");

    // --write-manifest applies to mongo-check, the other step runs after it, one JSON document for
    // both
    ToolRun both =
        ToolRun.of(concat(conf, "--json", "mongo-check,ensure-permissions", "--write-manifest"));
    assertEquals(0, both.exit(), both.toString());
    JsonNode steps = new ObjectMapper().readTree(both.out()).get("steps");
    assertEquals(2, steps.size(), both.out());
    assertEquals("mongo-check", steps.get(0).get("command").asText());
    assertEquals(4, steps.get(0).get("report").get("totalDocuments").asInt(), both.out());
    assertEquals("ensure-permissions", steps.get(1).get("command").asText());
    if (Integer.valueOf(0).equals(Files.getAttribute(root, "unix:uid"))) {
      assertEquals(9999, Files.getAttribute(owned, "unix:uid"));
    }

    ToolRun text = ToolRun.of(concat(conf, "mongo-check,ensure-permissions"));
    assertEquals(0, text.exit(), text.toString());
    assertTrue(
        text.out().contains("dump of pryv-node matches its manifest: 4 documents in 1 collections"),
        text.out());
    assertTrue(text.out().contains("owner 9999:9999 set on"), text.out());
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  @Test
  void theOldSshPortSpellingSaysOnceItIsDeprecated(@TempDir Path dir) {
    Path key = dir.resolve("no-such-key");
    ToolRun run =
        ToolRun.of(
            "--host",
            "pryv@10.0.0.2",
            "--ssh-port",
            "2222",
            "--identity",
            key.toString(),
            "status");
    assertEquals(3, run.exit(), run.toString());
    assertEquals(
        "docker-ops: warning: --ssh-port is deprecated and will be removed in the next release: use --port\n"
            + "docker-ops: error: no such file: "
            + key
            + " (the SSH private key)\n",
        run.err());
    ToolRun current =
        ToolRun.of("--host", "pryv@10.0.0.2", "-p", "2222", "-i", key.toString(), "status");
    assertEquals(3, current.exit(), current.toString());
    assertEquals(
        "docker-ops: error: no such file: " + key + " (the SSH private key)\n", current.err());
  }

  @Test
  void missingBackupFolderIsBadInput(@TempDir Path root) {
    ToolRun run = ToolRun.of("--conf-root", root.toString(), "mongo-restore");
    assertEquals(3, run.exit(), run.toString());
    assertTrue(
        run.err()
            .startsWith(
                "docker-ops: error: no dump manifest at "
                    + root
                    + "/pryv/mongodb/backup/pryv-node.dump-manifest.json"),
        run.err());
  }
}
