package io.pryv.migration.nginx.rewriter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineParserTest {

  @Test
  void redirectTakesTheFileTheTargetWithDefaultPortAndItsFlags() {
    Command.Redirect redirect =
        (Command.Redirect)
            CommandLineParser.parse(
                "redirect",
                new String[] {
                  "site-443.conf",
                  "--to",
                  "10.0.0.2",
                  "--dry-run",
                  "--only",
                  "core_server, hfs_server,",
                  "--nginx-test",
                  "--nginx",
                  "/usr/sbin/nginx",
                  "--json"
                });
    assertEquals(Path.of("site-443.conf"), redirect.file());
    assertEquals(new HostAndPort("10.0.0.2", 443, HostAndPort.Kind.IPV4), redirect.target());
    assertEquals(Optional.of(List.of("core_server", "hfs_server")), redirect.only());
    assertTrue(redirect.dryRun());
    assertEquals(new Command.NginxTest(true, "/usr/sbin/nginx"), redirect.nginxTest());
    assertTrue(redirect.json());
  }

  @Test
  void redirectDefaultsAreAllUpstreamsAndARealWriteWithoutNginxTest() {
    Command.Redirect redirect =
        (Command.Redirect)
            CommandLineParser.parse(
                "redirect", new String[] {"--to", "[2001:db8::2]:8443", "f.conf"});
    assertEquals("[2001:db8::2]:8443", redirect.target().toString());
    assertEquals(Optional.empty(), redirect.only());
    assertFalse(redirect.dryRun());
    assertFalse(redirect.nginxTest().enabled());
    assertFalse(redirect.json());
    assertTrue(
        ((Command.Redirect)
                CommandLineParser.parse(
                    "redirect", new String[] {"f.conf", "--to", "core2.example.com", "-n"}))
            .dryRun());
  }

  @Test
  void aTargetThatCouldInjectConfigIsAUsageError() {
    for (String bad :
        List.of(
            "1.2.3.4; evil",
            "1.2.3.4;",
            "10.0.0.2:443 backup",
            "a b",
            "{x}",
            "::1]:443",
            "10.0.0.256",
            "host:0",
            "host:65536",
            "$host",
            "")) {
      ToolException e =
          assertThrows(
              ToolException.class,
              () -> CommandLineParser.parse("redirect", new String[] {"f.conf", "--to", bad}),
              bad);
      assertEquals(ExitCode.USAGE, e.exitCode(), bad);
    }
  }

  @Test
  void missingOrExtraArgumentsAreUsageErrors() {
    assertUsage("redirect", "f.conf");
    assertUsage("redirect", "--to", "10.0.0.2");
    assertUsage("redirect", "a.conf", "b.conf", "--to", "10.0.0.2");
    assertUsage("status");
    assertUsage("rollback", "f.conf", "--to", "10.0.0.2");
    assertUsage("status", "f.conf", "--dry-run");
    assertUsage("redirect", "f.conf", "--to", "10.0.0.2", "--only", " , ");
    assertUsage("rollback", "f.conf", "--nginx", "/usr/sbin/nginx");
    assertUsage("redirect", "f.conf", "--to", "10.0.0.2", "--dry");
  }

  @Test
  void rollbackAndStatusTakeTheirFlags() {
    Command.Rollback rollback =
        (Command.Rollback)
            CommandLineParser.parse(
                "rollback", new String[] {"f.conf", "--dry-run", "--nginx-test", "--json"});
    assertEquals(
        new Command.Rollback(Path.of("f.conf"), true, new Command.NginxTest(true, null), true),
        rollback);
    assertEquals(
        new Command.Status(Path.of("f.conf"), false),
        CommandLineParser.parse("status", new String[] {"f.conf"}));
  }

  @Test
  void helpOfEachCommandExplainsItWithExamples() {
    for (String verb : List.of("redirect", "rollback", "status")) {
      Command.ShowText help =
          (Command.ShowText) CommandLineParser.parse(verb, new String[] {"--help"});
      assertTrue(help.text().contains("nginx-rewriter " + verb), help.text());
      assertTrue(help.text().contains("Example"), help.text());
      assertTrue(help.text().contains("Exit codes"), help.text());
    }
  }

  private static void assertUsage(String verb, String... args) {
    ToolException e =
        assertThrows(
            ToolException.class, () -> CommandLineParser.parse(verb, args), String.join(" ", args));
    assertEquals(ExitCode.USAGE, e.exitCode(), String.join(" ", args));
  }
}
