package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshTargetTest {

  @Test
  void parsesUserAndHostWithDefaults() {
    SshTarget target = SshTarget.parse("pryv@10.0.0.5");
    assertEquals("pryv", target.user());
    assertEquals("10.0.0.5", target.host());
    assertEquals(22, target.port());
    assertEquals(
        Optional.of(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")),
        target.knownHosts());
  }

  @Test
  void parsesBracketedIpv6AndExplicitOptions(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path key = java.nio.file.Files.writeString(dir.resolve("id_rsa"), "a key");
    SshTarget target =
        SshTarget.parse(
            "root@[2001:db8::1]", 2222, Optional.of(key), Optional.of(Path.of("/k/known")), true);
    assertEquals("2001:db8::1", target.host());
    assertEquals(2222, target.port());
    assertEquals(Optional.of(key), target.identity());
    assertEquals(Optional.of(Path.of("/k/known")), target.knownHosts());
    assertEquals("root@[2001:db8::1] port 2222", target.display());
  }

  @Test
  void withoutUserTakesTheCurrentUser() {
    assertEquals(System.getProperty("user.name"), SshTarget.parse("core-2.example.com").user());
  }

  @Test
  void refusesInjectionAndNonsense() {
    for (String bad :
        new String[] {
          "root@host;rm -rf /",
          "root@",
          "-oProxyCommand=x@host",
          "a b@host",
          "root@[not-v6]",
          "root@999.1.1.1",
          ""
        }) {
      ToolException e = assertThrows(ToolException.class, () -> SshTarget.parse(bad), bad);
      assertEquals(ExitCode.USAGE, e.exitCode(), bad);
    }
  }

  @Test
  void aKeyThatCannotBeReadIsOneLineNamingTheFile(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path missing = dir.resolve("id_missing");
    ToolException noFile =
        assertThrows(
            ToolException.class,
            () -> SshTarget.parse("root@host", 22, Optional.of(missing), Optional.empty(), false));
    assertEquals(ExitCode.BAD_INPUT, noFile.exitCode());
    assertEquals("no such file: " + missing + " (the SSH private key)", noFile.getMessage());
    ToolException folder =
        assertThrows(
            ToolException.class,
            () -> SshTarget.parse("root@host", 22, Optional.of(dir), Optional.empty(), false));
    assertEquals(dir + " is a folder, not a file (the SSH private key)", folder.getMessage());
  }

  @Test
  void aLongTargetIsCutInItsErrorLine() {
    String target = "root@" + "h".repeat(5000) + ";x";
    ToolException e = assertThrows(ToolException.class, () -> SshTarget.parse(target));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(true, e.getMessage().length() < 250, e.getMessage());
    assertEquals(true, e.getMessage().contains("(5007 characters)"), e.getMessage());
  }

  @Test
  void refusesBadPort() {
    assertThrows(
        ToolException.class,
        () -> SshTarget.parse("root@host", 70000, Optional.empty(), Optional.empty(), false));
  }
}
