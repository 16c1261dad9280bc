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
    assertEquals(Optional.of(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")),
        target.knownHosts());
  }

  @Test
  void parsesBracketedIpv6AndExplicitOptions() {
    SshTarget target = SshTarget.parse("root@[2001:db8::1]", 2222, Optional.of(Path.of("/k/id_rsa")),
        Optional.of(Path.of("/k/known")), true);
    assertEquals("2001:db8::1", target.host());
    assertEquals(2222, target.port());
    assertEquals(Optional.of(Path.of("/k/id_rsa")), target.identity());
    assertEquals(Optional.of(Path.of("/k/known")), target.knownHosts());
    assertEquals("root@[2001:db8::1] port 2222", target.display());
  }

  @Test
  void withoutUserTakesTheCurrentUser() {
    assertEquals(System.getProperty("user.name"), SshTarget.parse("core-2.example.com").user());
  }

  @Test
  void refusesInjectionAndNonsense() {
    for (String bad : new String[] {"root@host;rm -rf /", "root@", "-oProxyCommand=x@host", "a b@host",
        "root@[not-v6]", "root@999.1.1.1", ""}) {
      ToolException e = assertThrows(ToolException.class, () -> SshTarget.parse(bad), bad);
      assertEquals(ExitCode.USAGE, e.exitCode(), bad);
    }
  }

  @Test
  void refusesBadPort() {
    assertThrows(ToolException.class,
        () -> SshTarget.parse("root@host", 70000, Optional.empty(), Optional.empty(), false));
  }
}
