package io.pryv.migration.platformyml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.command.Request;
import io.pryv.migration.platformyml.path.YamlPath;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentsParserTest {
  private static Request request(String... args) {
    return assertInstanceOf(Invocation.Run.class, ArgumentsParser.parse(args)).request();
  }

  private static ToolException usage(String... args) {
    ToolException e = assertThrows(ToolException.class, () -> ArgumentsParser.parse(args));
    assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
    return e;
  }

  @Test
  void get() {
    assertEquals(
        new Request.Get(Path.of("p.yml"), YamlPath.of("a", "b.c"), true),
        request("get", "p.yml", "a.\"b.c\"", "--json"));
  }

  @Test
  void setWithEveryWriteOption() {
    Request.Set set =
        (Request.Set)
            request(
                "set",
                "p.yml",
                "a.b",
                "v",
                "--dry-run",
                "--expect",
                "old",
                "--no-backup",
                "--follow-alias");
    assertEquals(new Request.WriteOptions(Optional.of("old"), true, true, false), set.write());
    assertEquals("v", set.value());
    Request.Set defaults = (Request.Set) request("set", "p.yml", "a", "v");
    assertEquals(new Request.WriteOptions(Optional.empty(), false, false, true), defaults.write());
    assertEquals("-1", ((Request.Set) request("set", "p.yml", "a", "--", "-1")).value());
  }

  @Test
  void setCoreIp() {
    Request.SetCoreIp request =
        (Request.SetCoreIp)
            request(
                "set-core-ip",
                "p.yml",
                "--core",
                "co1",
                "--hosting",
                "h1",
                "--ip",
                "2001:db8::5",
                "-n");
    assertEquals("co1", request.core());
    assertEquals(Optional.of("h1"), request.hosting());
    assertEquals("2001:db8::5", request.ip());
    assertTrue(request.write().dryRun());
    assertEquals(
        "core.example.com",
        ((Request.SetCoreIp)
                request(
                    "set-core-ip",
                    "p.yml",
                    "--core",
                    "co1",
                    "--ip",
                    "core.example.com",
                    "--allow-hostname"))
            .ip());
  }

  @Test
  void ipsAreValidated() {
    assertTrue(
        usage("set-core-ip", "p.yml", "--core", "co1", "--ip", "10.0.0.256")
            .getMessage()
            .contains("is not an IPv4 or IPv6 address"));
    assertTrue(
        usage("set-core-ip", "p.yml", "--core", "co1", "--ip", "core.example.com")
            .getMessage()
            .contains("add --allow-hostname"));
    assertTrue(
        usage("set-core-ip", "p.yml", "--core", "co1", "--ip", "[::1]")
            .getMessage()
            .contains("without brackets"));
    usage("set-core-ip", "p.yml", "--core", "co1", "--ip", "1.2.3.4; evil", "--allow-hostname");
    usage("set-core-ip", "p.yml", "--core", "co1", "--ip", "1.2.3.4\n#", "--allow-hostname");
  }

  @Test
  void usageErrors() {
    usage();
    usage("frobnicate");
    usage("get", "p.yml");
    usage("set", "p.yml", "a");
    usage("set-core-ip", "p.yml", "--ip", "1.2.3.4");
    usage("set-core-ip", "p.yml", "--core", "co1");
    usage("list-cores", "p.yml", "--bogus");
    usage("get", "p.yml", "a..b");
  }

  @Test
  void helpAndVersion() {
    assertInstanceOf(Invocation.Version.class, ArgumentsParser.parse(new String[] {"--version"}));
    String help =
        assertInstanceOf(Invocation.Help.class, ArgumentsParser.parse(new String[] {"--help"}))
            .text();
    assertTrue(help.contains("set-core-ip FILE --core NAME --ip ADDRESS"), help);
    for (String verb : new String[] {"get", "set", "list-cores", "set-core-ip"}) {
      String text =
          assertInstanceOf(
                  Invocation.Help.class, ArgumentsParser.parse(new String[] {verb, "--help"}))
              .text();
      assertTrue(text.contains("Example"), verb);
      assertTrue(text.contains("Exit codes"), verb);
    }
  }
}
