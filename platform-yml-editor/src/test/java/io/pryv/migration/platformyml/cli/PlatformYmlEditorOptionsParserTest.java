package io.pryv.migration.platformyml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.command.WriteOptions;
import io.pryv.migration.platformyml.path.YamlPath;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each option of each verb, parsed without running anything. */
class PlatformYmlEditorOptionsParserTest {
  private static PlatformYmlEditorOptions request(String... args) {
    PlatformYmlEditorOptions options = PlatformYmlEditorOptionsParser.parse(args);
    assertFalse(options.help() || options.version());
    return options;
  }

  private static ToolException usage(String... args) {
    ToolException e =
        assertThrows(ToolException.class, () -> PlatformYmlEditorOptionsParser.parse(args));
    assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
    return e;
  }

  @Test
  void get() {
    PlatformYmlEditorOptions get = request("get", "p.yml", "a.\"b.c\"", "--json");
    assertEquals(PlatformYmlEditorVerb.GET, get.verb());
    assertEquals(Path.of("p.yml"), get.file());
    assertEquals(YamlPath.of("a", "b.c"), get.path());
    assertTrue(get.json());
  }

  @Test
  void setWithEveryWriteOption() {
    PlatformYmlEditorOptions set =
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
    assertEquals(new WriteOptions(Optional.of("old"), true, true, false), set.write());
    assertEquals("v", set.value());
    PlatformYmlEditorOptions defaults = request("set", "p.yml", "a", "v");
    assertEquals(new WriteOptions(Optional.empty(), false, false, true), defaults.write());
    assertEquals("-1", request("set", "p.yml", "a", "--", "-1").value());
  }

  @Test
  void setCoreIp() {
    PlatformYmlEditorOptions request =
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
        (request(
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
    assertTrue(PlatformYmlEditorOptionsParser.parse(new String[] {"--version"}).version());
    PlatformYmlEditorOptions overview =
        PlatformYmlEditorOptionsParser.parse(new String[] {"--help"});
    assertTrue(overview.help());
    String help = PlatformYmlEditorHelp.text(overview);
    assertTrue(help.contains("set-core-ip FILE --core NAME --ip ADDRESS"), help);
    for (String verb : new String[] {"get", "set", "list-cores", "set-core-ip"}) {
      PlatformYmlEditorOptions options =
          PlatformYmlEditorOptionsParser.parse(new String[] {verb, "--help"});
      assertTrue(options.help(), verb);
      String text = PlatformYmlEditorHelp.text(options);
      assertTrue(text.contains("Example"), verb);
      assertTrue(text.contains("Exit codes"), verb);
    }
  }
}
