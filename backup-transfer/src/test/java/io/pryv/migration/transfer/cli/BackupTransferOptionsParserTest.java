package io.pryv.migration.transfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.transfer.side.Checksum;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupTransferOptionsParserTest {

  @Test
  void pushWithEveryOption() {
    BackupTransferOptions push =
        BackupTransferOptionsParser.parse(
            new String[] {
              "push",
              "-p",
              "2222",
              "-i",
              "/k/id_rsa",
              "--known-hosts",
              "/k/known",
              "--accept-new-host-key",
              "--ssh-control",
              "/run/state/ssh/%C",
              "--openssh",
              "--checksum",
              "--compress",
              "--delete",
              "--links",
              "--dry-run",
              "--json",
              "--progress",
              "/var/pryv/data",
              "root@10.0.0.7:/var/pryv/data"
            });
    assertEquals(BackupTransferVerb.PUSH, push.verb());
    assertEquals(2222, push.ssh().port());
    assertEquals(Optional.of(Path.of("/k/id_rsa")), push.ssh().identity());
    assertEquals(Optional.of(Path.of("/k/known")), push.ssh().knownHosts());
    assertEquals(Optional.of("/run/state/ssh/%C"), push.ssh().controlPath());
    assertEquals(Optional.of(Checksum.CRC32), push.checksum());
    assertTrue(
        push.ssh().openssh()
            && push.ssh().acceptNewHostKey()
            && push.compress()
            && push.delete()
            && push.dryRun()
            && push.json()
            && push.progress());
    assertFalse(push.followLinks());
    assertEquals(new Location(Optional.empty(), "/var/pryv/data"), push.locations().get(0));
    assertEquals(
        new Location(Optional.of("root@10.0.0.7"), "/var/pryv/data"), push.locations().get(1));
  }

  @Test
  void severalFolderPairsGoToOneHost() {
    BackupTransferOptions push =
        BackupTransferOptionsParser.parse(new String[] {"push", "/a", "u@h:/a", "/b", "u@h:/b"});
    assertEquals(4, push.locations().size());
    assertEquals(
        "push takes SRC DEST folder pairs, got 3 folder arguments (see --help)",
        assertThrows(
                ToolException.class,
                () ->
                    BackupTransferOptionsParser.parse(new String[] {"push", "/a", "u@h:/a", "/b"}))
            .getMessage());
    assertEquals(
        "push takes SRC DEST folder pairs, got 1 folder argument (see --help)",
        assertThrows(
                ToolException.class,
                () -> BackupTransferOptionsParser.parse(new String[] {"push", "/a"}))
            .getMessage());
    assertEquals(
        "several SRC DEST pairs go to one SSH host per call, not to u@h and u@k",
        assertThrows(
                ToolException.class,
                () ->
                    BackupTransferOptionsParser.parse(
                        new String[] {"check", "/a", "u@h:/a", "/b", "u@k:/b"}))
            .getMessage());
    assertEquals(
        "push SRC_DIR USER@HOST:DEST_DIR: the source is local, the destination remote",
        assertThrows(
                ToolException.class,
                () ->
                    BackupTransferOptionsParser.parse(
                        new String[] {"push", "/a", "u@h:/a", "u@h:/b", "/b"}))
            .getMessage());
  }

  @Test
  void checksumChoiceGoesWithChecksum() {
    assertEquals(
        Optional.empty(),
        BackupTransferOptionsParser.parse(new String[] {"copy", "a", "b"}).checksum());
    assertEquals(
        Optional.of(Checksum.SHA256),
        BackupTransferOptionsParser.parse(
                new String[] {"copy", "--checksum", "--checksum-choice", "SHA256", "a", "b"})
            .checksum());
    assertEquals(
        Optional.of(Checksum.CRC32),
        BackupTransferOptionsParser.parse(
                new String[] {"pull", "-c", "--checksum-choice=crc32", "u@h:/a", "b"})
            .checksum());
    assertEquals(
        "--checksum-choice goes with --checksum",
        assertThrows(
                ToolException.class,
                () ->
                    BackupTransferOptionsParser.parse(
                        new String[] {"copy", "--checksum-choice", "sha256", "a", "b"}))
            .getMessage());
    assertEquals(
        "--checksum-choice takes crc32, sha256, not 'md5'",
        assertThrows(
                ToolException.class,
                () ->
                    BackupTransferOptionsParser.parse(
                        new String[] {"copy", "-c", "--checksum-choice", "md5", "a", "b"}))
            .getMessage());
    assertEquals(
        "--checksum-choice applies to push, pull and copy only",
        assertThrows(
                ToolException.class,
                () ->
                    BackupTransferOptionsParser.parse(
                        new String[] {"check", "--checksum-choice", "sha256", "a", "b"}))
            .getMessage());
  }

  @Test
  void copyLinksIsTheDefault() {
    assertTrue(BackupTransferOptionsParser.parse(new String[] {"copy", "a", "b"}).followLinks());
    assertTrue(
        BackupTransferOptionsParser.parse(new String[] {"copy", "-L", "a", "b"}).followLinks());
  }

  @Test
  void locations() {
    assertEquals(
        new Location(Optional.of("u@[2001:db8::1]"), "/d"), Location.parse("u@[2001:db8::1]:/d"));
    assertEquals(new Location(Optional.of("host"), "rel/dir"), Location.parse("host:rel/dir"));
    assertEquals(new Location(Optional.empty(), "./a:b"), Location.parse("./a:b"));
    assertEquals(new Location(Optional.empty(), "/x/y:z"), Location.parse("/x/y:z"));
  }

  @Test
  void usageErrors() {
    String[][] bad = {
      {},
      {"frobnicate", "a", "b"},
      {"push", "a", "b"},
      {"push", "h:/a", "h:/b"},
      {"pull", "a", "h:/b"},
      {"copy", "a"},
      {"copy", "a", "h:/b"},
      {"copy", "--links", "--copy-links", "a", "b"},
      {"manifest", "a", "--delete"},
      {"check", "a", "b", "--dry-run"},
      {"push", "-p", "0", "a", "h:/b"},
      {"push", "-p", "x", "a", "h:/b"},
      {"copy", "--sha256sum", "a", "b"},
      {"push", "--bogus", "a", "h:/b"},
      {"push", "a", "h:"}
    };
    for (String[] args : bad) {
      ToolException e =
          assertThrows(
              ToolException.class,
              () -> BackupTransferOptionsParser.parse(args),
              String.join(" ", args));
      assertEquals(ExitCode.USAGE, e.exitCode());
    }
  }

  @Test
  void helpAndVersion() {
    assertTrue(BackupTransferOptionsParser.parse(new String[] {"--help"}).help());
    assertTrue(BackupTransferOptionsParser.parse(new String[] {"--version"}).version());
  }

  @Test
  void sshOptionsAreSsh() {
    BackupTransferOptions pull =
        BackupTransferOptionsParser.parse(
            new String[] {"pull", "--connect-timeout", "5", "--ssh-port", "2200", "u@h:/a", "b"});
    assertEquals(java.time.Duration.ofSeconds(5), pull.ssh().connectTimeout());
    assertEquals(2200, pull.ssh().port());
    assertEquals(
        java.util.List.of(
            "--ssh-port is deprecated and will be removed in the next release: use --port"),
        pull.warnings());
  }
}
