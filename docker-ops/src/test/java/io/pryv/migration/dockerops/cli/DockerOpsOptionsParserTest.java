package io.pryv.migration.dockerops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.layout.ExecMode;
import io.pryv.migration.dockerops.layout.PryvLayout;
import io.pryv.migration.ssh.SshOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerOpsOptionsParserTest {

  private static DockerOpsOptions parse(String... args) {
    return DockerOpsOptionsParser.parse(args, Map.of());
  }

  private static String usageError(String... args) {
    ToolException e = assertThrows(ToolException.class, () -> parse(args));
    assertEquals(ExitCode.USAGE, e.exitCode());
    return e.getMessage();
  }

  @Test
  void pryvDefaults() {
    DockerOpsOptions o = parse("mongo-dump");
    PryvLayout l = o.layout();
    assertEquals(ExecMode.DOCKER, l.execMode());
    assertEquals("/var/pryv", l.confRoot());
    assertEquals("pryvio_mongodb", l.mongoContainer());
    assertEquals("pryvio_influxdb", l.influxContainer());
    assertEquals("pryv-node", l.mongoDatabase());
    assertEquals("/app/bin/mongodb/bin/mongodump", l.mongoTool("mongodump"));
    assertEquals("/app/backup", l.mongoBackupInContainer());
    assertEquals("/var/pryv/pryv/mongodb/backup", l.mongoBackupOnHost());
    assertEquals("/pryv/backup", l.influxBackupInContainer());
    assertEquals("/var/pryv/pryv/influxdb/backup", l.influxBackupOnHost());
    assertEquals("/usr/bin/influxd", l.influxd());
    assertFalse(o.dryRun());
    assertEquals(Optional.empty(), o.host());
  }

  @Test
  void everyDefaultCanBeOverridden() {
    DockerOpsOptions o =
        parse(
            "--conf-root",
            "/srv/pryv/",
            "--mongo-container",
            "m1",
            "--influx-container",
            "i1",
            "--db",
            "other-db",
            "--mongo-bin",
            "/opt/mongo/bin",
            "--mongo-backup",
            "/b",
            "--influx-backup",
            "/ib",
            "--influxd",
            "/opt/influxd",
            "--influx",
            "influx",
            "--docker",
            "/usr/bin/docker",
            "--docker-host",
            "unix:///tmp/d.sock",
            "--mongo-host",
            "127.0.0.1:27018",
            "--influx-rpc",
            "127.0.0.1:9000",
            "--influx-http",
            "[::1]:9001",
            "--dry-run",
            "--json",
            "influx-backup");
    PryvLayout l = o.layout();
    assertEquals("/srv/pryv", l.confRoot());
    assertEquals(
        "/srv/pryv/pryv/mongodb/backup", l.mongoBackupOnHost(), "host paths follow --conf-root");
    assertEquals("m1", l.mongoContainer());
    assertEquals("i1", l.influxContainer());
    assertEquals("other-db", l.mongoDatabase());
    assertEquals("/opt/mongo/bin/mongorestore", l.mongoTool("mongorestore"));
    assertEquals("/b", l.mongoBackupInContainer());
    assertEquals("/ib", l.influxBackupInContainer());
    assertEquals(Optional.of("unix:///tmp/d.sock"), l.dockerHost());
    assertEquals(List.of("127.0.0.1", "27018"), List.of(l.mongoHostPort().get()));
    assertEquals(Optional.of("127.0.0.1:9000"), l.influxRpc());
    assertEquals(List.of("::1", "9001"), List.of(l.influxHttp().get()));
    assertTrue(o.dryRun());
    assertTrue(o.json());
  }

  @Test
  void localExecFindsToolsInPath() {
    PryvLayout l =
        parse("--exec", "local", "--mongo-backup-host", "/data/backup", "mongo-dump").layout();
    assertEquals(ExecMode.LOCAL, l.execMode());
    assertEquals("mongodump", l.mongoTool("mongodump"));
    assertEquals("influxd", l.influxd());
    assertEquals("/data/backup", l.mongoBackupForTools(), "local tools write to the host folder");
  }

  @Test
  void containerNames() {
    assertEquals(
        List.of("pryvio_nginx", "pryvio_core"),
        parse("restart", "pryvio_nginx", "pryvio_core").containers());
    assertTrue(usageError("stop", "pryvio_nginx;reboot").contains("not a valid container name"));
    assertTrue(usageError("stop", "--", "-f").contains("not a valid container name"));
    assertTrue(usageError("stop").contains("needs one or more container names"));
    assertTrue(
        usageError("--mongo-container", "a b", "mongo-dump")
            .contains("not a valid container name"));
  }

  @Test
  void pathsAndNamesAreValidated() {
    assertTrue(usageError("--conf-root", "var/pryv", "mongo-dump").contains("absolute path"));
    assertTrue(usageError("--conf-root", "/var/pryv/../etc", "mongo-dump").contains("'..'"));
    assertTrue(
        usageError("--mongo-backup", "/app/backup\n/x", "mongo-dump")
            .contains("control character"));
    // "--db -pryv" reads as --db followed by -p ryv (the SSH port): a name starting with a dash
    // needs "="
    assertTrue(usageError("--db=-pryv", "mongo-dump").contains("MongoDB database name"));
    assertTrue(usageError("--db", "a.b", "mongo-dump").contains("MongoDB database name"));
    assertTrue(usageError("--mongo-host", "127.0.0.1", "mongo-dump").contains("HOST:PORT"));
    assertTrue(
        usageError("--influx-rpc", "1.2.3.4;x:80", "influx-backup").startsWith("--influx-rpc: "));
    assertTrue(usageError("--influxd=--version", "influx-backup").contains("--influxd"));
    assertTrue(usageError("--docker-host", "unix:///x;rm", "status").contains("--docker-host"));
    assertTrue(usageError("--owner", "root", "ensure-permissions").contains("numeric"));
  }

  @Test
  void commandsAndCombinations() {
    assertTrue(usageError().contains("a command is required"));
    assertTrue(usageError("dump").contains("unknown command 'dump'"));
    assertTrue(usageError("mongo-dump", "extra").contains("takes no arguments"));
    assertTrue(
        usageError("--drop", "mongo-dump")
            .contains("--drop only applies to mongo-restore and influx-restore"));
    assertTrue(parse("--drop", "mongo-restore").drop());
    assertTrue(parse("--drop", "influx-restore").drop());
    assertTrue(
        usageError("--write-manifest", "mongo-restore")
            .contains("--write-manifest only applies to" + " mongo-check"));
    assertTrue(
        usageError("--drop", "mongo-check")
            .contains("--drop only applies to mongo-restore and influx-restore"));
    assertTrue(usageError("mongo-check", "pryv-node").contains("takes no arguments"));
    assertTrue(parse("mongo-check", "--write-manifest").writeManifest());
    assertFalse(parse("--exec", "local", "mongo-check").writeManifest());
    assertTrue(usageError("--exec", "local", "status").contains("needs docker"));
    assertTrue(usageError("--exec", "ssh", "mongo-dump").contains("--exec is docker or local"));
    assertTrue(usageError("--identity", "/k", "status").contains("needs --host"));
    assertTrue(usageError("--ssh-port", "70000", "--host", "a@b", "status").contains("1..65535"));
  }

  @Test
  void databaseCommandsJoinWithCommas() {
    DockerOpsOptions restore = parse("--drop", "ensure-permissions,mongo-restore,influx-restore");
    assertEquals(
        List.of("ensure-permissions", "mongo-restore", "influx-restore"),
        restore.steps().stream().map(DockerOpsVerb::word).toList());
    assertTrue(restore.drop());
    assertTrue(parse("mongo-check,influx-backup", "--write-manifest").writeManifest());
    assertTrue(usageError("--drop", "mongo-check,influx-backup").contains("--drop only applies"));
    assertTrue(usageError("mongo-dump,stop", "pryvio_nginx").contains("only database commands"));
    assertTrue(usageError("mongo-dump,").contains("unknown command ''"));
    assertTrue(usageError("mongo-dump,dump").contains("unknown command 'dump'"));
    assertTrue(usageError("mongo-dump,mongo-dump").contains("each command once"));
  }

  @Test
  void sshOptions() {
    DockerOpsOptions o =
        parse(
            "--host",
            "ubuntu@10.0.0.2",
            "--ssh-port",
            "2222",
            "--known-hosts",
            "/k",
            "--accept-new-host-key",
            "status");
    SshOptions ssh = o.ssh();
    assertEquals(Optional.of("ubuntu@10.0.0.2"), o.host());
    assertEquals(2222, ssh.port());
    assertEquals(Optional.of(java.nio.file.Path.of("/k")), ssh.knownHosts());
    assertTrue(ssh.acceptNewHostKey());
    assertEquals(Duration.ofSeconds(20), ssh.connectTimeout(), "the connect timeout of every tool");
    assertEquals(
        List.of("--ssh-port is deprecated and will be removed in the next release: use --port"),
        o.warnings());
  }

  @Test
  void sshOptionsSpelledAsInBackupTransfer() {
    DockerOpsOptions o =
        parse(
            "--host",
            "ubuntu@10.0.0.2",
            "-p",
            "2222",
            "-i",
            "/k/id",
            "--connect-timeout",
            "7",
            "--ssh-control",
            "/run/state/ssh/%C",
            "--openssh",
            "status");
    assertEquals(2222, o.ssh().port());
    assertTrue(o.ssh().openssh());
    assertEquals(Optional.of("/run/state/ssh/%C"), o.ssh().controlPath());
    assertEquals(Optional.of(java.nio.file.Path.of("/k/id")), o.ssh().identity());
    assertEquals(Duration.ofSeconds(7), o.ssh().connectTimeout());
    assertEquals(List.of(), o.warnings());
    assertTrue(usageError("--port", "2222", "status").contains("--port needs --host"));
    assertTrue(usageError("--connect-timeout", "5", "status").contains("needs --host"));
    assertTrue(usageError("--ssh-control", "/s", "status").contains("--ssh-control needs --host"));
    assertTrue(usageError("--openssh", "status").contains("--openssh needs --host"));
  }

  @Test
  void mongoUriNeverCarriesAPasswordOnTheCommandLine() {
    assertTrue(
        usageError("--mongo-uri", "mongodb://admin:secret@h:27017", "mongo-dump")
            .contains(DockerOpsOptionsParser.MONGO_URI_ENV));
    assertEquals(
        Optional.of("mongodb://h:1"),
        parse("--mongo-uri", "mongodb://h:1", "mongo-dump").mongoUri());
    DockerOpsOptions fromEnv =
        DockerOpsOptionsParser.parse(
            new String[] {"mongo-dump"},
            Map.of(DockerOpsOptionsParser.MONGO_URI_ENV, "mongodb://u:p@h:2"));
    assertEquals(Optional.of("mongodb://u:p@h:2"), fromEnv.mongoUri());
  }

  @Test
  void helpAndVersionNeedNoCommand() {
    assertTrue(parse("--help").help());
    assertTrue(parse("--version").version());
  }
}
