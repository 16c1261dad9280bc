package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshOptionsTest {

  private static SshOptions parse(String... args) {
    return SshOptions.from(CommandLineParsing.parse(SshOptions.addTo(new Options()), args));
  }

  private static String usageError(String... args) {
    ToolException e = assertThrows(ToolException.class, () -> parse(args));
    assertEquals(ExitCode.USAGE, e.exitCode());
    return e.getMessage();
  }

  @Test
  void oneSpellingForEveryTool() {
    SshOptions o =
        parse(
            "-p",
            "2222",
            "-i",
            "/k/id",
            "--known-hosts",
            "/k/known",
            "--accept-new-host-key",
            "--connect-timeout",
            "5");
    assertEquals(2222, o.port());
    assertEquals(Optional.of(Path.of("/k/id")), o.identity());
    assertEquals(Optional.of(Path.of("/k/known")), o.knownHosts());
    assertTrue(o.acceptNewHostKey());
    assertEquals(Duration.ofSeconds(5), o.connectTimeout());
    assertEquals(List.of(), o.warnings());
    assertEquals(2200, parse("--port", "2200", "--identity", "/k").port());
  }

  @Test
  void defaults() {
    SshOptions o = parse();
    assertEquals(22, o.port());
    assertEquals(Duration.ofSeconds(20), o.connectTimeout());
    assertEquals(SshOptions.defaults(), o);
  }

  @Test
  void theOldPortSpellingStillWorksWithOneDeprecationLine() {
    SshOptions o = parse("--ssh-port", "2222");
    assertEquals(2222, o.port());
    assertEquals(
        List.of("--ssh-port is deprecated and will be removed in the next release: use --port"),
        o.warnings());
    assertTrue(usageError("--ssh-port", "1", "-p", "2").contains("give only --port"));
    assertTrue(usageError("--ssh-port", "70000").contains("1..65535"));
  }

  @Test
  void badValuesAreUsageErrors() {
    assertTrue(usageError("-p", "0").contains("1..65535"));
    assertTrue(usageError("-p", "x").contains("whole number"));
    assertTrue(usageError("--connect-timeout", "0").contains("positive"));
  }

  @Test
  void sshControlIsCarriedToTheTargetAsGiven() {
    SshOptions o = parse("--ssh-control", "/run/state/ssh/%C", "-p", "2222");
    assertEquals(Optional.of("/run/state/ssh/%C"), o.controlPath());
    SshTarget target = o.target("root@10.0.0.7");
    assertEquals(Optional.of("/run/state/ssh/%C"), target.controlPath());
    assertEquals(2222, target.port());
    assertEquals(Optional.empty(), parse().target("root@10.0.0.7").controlPath());
    assertTrue(usageError("--ssh-control", " ").contains("control socket"));
    assertTrue(usageError("--ssh-control", "none").contains("control socket"));
    assertEquals(
        List.of("--ssh-control"),
        SshOptions.given(
            CommandLineParsing.parse(
                SshOptions.addTo(new Options()), new String[] {"--ssh-control", "/s"})));
  }

  @Test
  void opensshAsksForTheOpenSshClientWithItsOwnChoiceOfKeyUnlessOneIsNamed(@TempDir Path dir)
      throws Exception {
    Path key = Files.createFile(dir.resolve("id"));
    assertFalse(parse().openssh());
    assertFalse(parse().target("root@10.0.0.7").openssh());
    SshOptions o = parse("--openssh", "-p", "2222");
    assertTrue(o.openssh());
    SshTarget target = o.target("root@10.0.0.7");
    assertTrue(target.openssh());
    assertEquals(Optional.empty(), target.identity(), "ssh picks the key: config, agent, defaults");
    assertTrue(target.knownHosts().isPresent(), "host keys are checked against known_hosts");
    SshTarget named = parse("--openssh", "-i", key.toString()).target("root@10.0.0.7");
    assertEquals(Optional.of(key), named.identity());
    SshTarget both = parse("--openssh", "--ssh-control", "/s/%C").target("root@10.0.0.7");
    assertTrue(both.openssh());
    assertEquals(Optional.of("/s/%C"), both.controlPath());
    assertEquals(
        List.of("--openssh"),
        SshOptions.given(
            CommandLineParsing.parse(SshOptions.addTo(new Options()), new String[] {"--openssh"})));
  }

  @Test
  void givenNamesTheOptionsAsSpelled() {
    assertEquals(
        List.of("--identity", "--ssh-port"),
        SshOptions.given(
            CommandLineParsing.parse(
                SshOptions.addTo(new Options()), new String[] {"-i", "/k", "--ssh-port", "2"})));
  }
}
