package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlMasterCommandTest {
  private static final SshTarget TARGET =
      new SshTarget(
          "root",
          "10.0.0.7",
          2222,
          Optional.of(Path.of("/keys/id_rsa")),
          Optional.of(Path.of("/keys/known_hosts")),
          false,
          Optional.of("/state/ssh/%C"));

  @Test
  void checkAsksTheMasterAtTheControlPath() {
    assertEquals(
        List.of(
            "ssh",
            "-S",
            "/state/ssh/%C",
            "-o",
            "ControlMaster=no",
            "-o",
            "BatchMode=yes",
            "-p",
            "2222",
            "-O",
            "check",
            "root@10.0.0.7"),
        ControlMasterCommand.check(TARGET));
  }

  /**
   * The quoted line JSch would get, as one argument after "--"; the target's key and known_hosts.
   */
  @Test
  void runSendsTheQuotedLineThroughTheMaster() {
    String line = RemoteCommand.join(List.of("printf", "%s\n", "it's; $(x)"));
    assertEquals(
        List.of(
            "ssh",
            "-S",
            "/state/ssh/%C",
            "-o",
            "ControlMaster=no",
            "-o",
            "BatchMode=yes",
            "-p",
            "2222",
            "-o",
            "ConnectTimeout=20",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "UserKnownHostsFile=/keys/known_hosts",
            "-o",
            "IdentitiesOnly=yes",
            "-i",
            "/keys/id_rsa",
            "root@10.0.0.7",
            "--",
            "'printf' '%s\n' 'it'\\''s; $(x)'"),
        ControlMasterCommand.run(TARGET, Duration.ofSeconds(20), line));
  }

  @Test
  void acceptNewAndIpv6AndSpacesInPaths() {
    SshTarget target =
        new SshTarget(
            "backup",
            "fd00::7",
            22,
            Optional.empty(),
            Optional.of(Path.of("/my keys/known_hosts")),
            true,
            Optional.of("/a b/%r@%h:%p"));
    List<String> command = ControlMasterCommand.run(target, Duration.ofSeconds(5), "'true'");
    assertEquals(
        List.of(
            "ssh",
            "-S",
            "/a b/%r@%h:%p",
            "-o",
            "ControlMaster=no",
            "-o",
            "BatchMode=yes",
            "-p",
            "22",
            "-o",
            "ConnectTimeout=5",
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            "UserKnownHostsFile=\"/my keys/known_hosts\"",
            "backup@fd00::7",
            "--",
            "'true'"),
        command);
  }

  /** A master of the tool's own: foreground, batch, the target's key and known_hosts. */
  @Test
  void masterOpensInTheForegroundWithTheTargetsKeyAndHostKeyPolicy() {
    SshTarget target = TARGET.withControlPath(Optional.of("/tmp/pryv-ssh-1/s"));
    assertEquals(
        List.of(
            "ssh",
            "-M",
            "-N",
            "-S",
            "/tmp/pryv-ssh-1/s",
            "-o",
            "ControlPersist=no",
            "-o",
            "BatchMode=yes",
            "-p",
            "2222",
            "-i",
            "/keys/id_rsa",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "UserKnownHostsFile=/keys/known_hosts",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "ConnectTimeout=7",
            "-o",
            "ServerAliveInterval=15",
            "-o",
            "ServerAliveCountMax=4",
            "-o",
            "KexAlgorithms=^curve25519-sha256,curve25519-sha256@libssh.org",
            "root@10.0.0.7"),
        ControlMasterCommand.master(target, Duration.ofSeconds(7), false));
  }

  /** No key named: ssh chooses (config, agent, defaults); accept-new; -z is -C. */
  @Test
  void masterWithoutAKeyAcceptingNewHostKeysCompressed() {
    SshTarget target =
        new SshTarget(
            "backup",
            "fd00::7",
            22,
            Optional.empty(),
            Optional.of(Path.of("/my keys/known_hosts")),
            true,
            Optional.of("/tmp/pryv-ssh-2/s"),
            true);
    List<String> command = ControlMasterCommand.master(target, Duration.ofSeconds(20), true);
    assertEquals(
        List.of(
            "-p",
            "22",
            "-o",
            "UserKnownHostsFile=\"/my keys/known_hosts\"",
            "-o",
            "StrictHostKeyChecking=accept-new"),
        command.subList(9, 15));
    assertEquals(
        List.of("-C", "backup@fd00::7"), command.subList(command.size() - 2, command.size()));
    assertEquals(-1, command.indexOf("-i"));
  }

  @Test
  void theLocaleStaysHereAsOverJsch() {
    Map<String, String> environment =
        new HashMap<>(Map.of("LANG", "fr_CH.UTF-8", "LC_ALL", "C", "PATH", "/bin", "HOME", "/r"));
    ControlMasterCommand.clean(environment);
    assertEquals(Map.of("PATH", "/bin", "HOME", "/r"), environment);
  }
}
