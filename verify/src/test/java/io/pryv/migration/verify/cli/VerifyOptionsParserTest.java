package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.verify.http.ResolveRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing only: nothing runs. */
class VerifyOptionsParserTest {

  private static VerifyOptions parse(String... args) {
    return VerifyOptionsParser.parse(args);
  }

  private static String usageError(String... args) {
    ToolException e = assertThrows(ToolException.class, () -> parse(args));
    assertEquals(ExitCode.USAGE, e.exitCode());
    return e.getMessage();
  }

  @Test
  void checkWithEveryConnectionOption() {
    VerifyOptions options =
        parse(
            "check",
            "--api",
            "https://core.example.com/",
            "--against",
            "seed.json",
            "--resolve",
            "core.example.com:443:203.0.113.7",
            "--resolve",
            "reg.example.com:443:[2001:db8::1]",
            "--cacert",
            "ca.pem",
            "--concurrency",
            "8",
            "--retries",
            "0",
            "--page-size",
            "500",
            "--json");
    assertEquals(VerifyVerb.CHECK, options.verb());
    assertEquals(
        List.of(
            new ResolveRule("core.example.com", 443, "203.0.113.7"),
            new ResolveRule("reg.example.com", 443, "2001:db8::1")),
        options.resolve());
    assertEquals(List.of(Path.of("ca.pem")), options.caCertificates());
    assertEquals(8, options.concurrency());
    assertEquals(0, options.retries());
    assertEquals(500, options.pageSize());
    assertTrue(options.json());
    assertFalse(options.insecure());
  }

  @Test
  void seedDefaultsTheTokenFileBesideTheManifest() {
    VerifyOptions options =
        parse("seed", "--api", "https://c/", "--user", "alice", "--out", "m.json");
    assertEquals(Path.of("m.json.token"), options.tokenOut());
    assertEquals(100, options.seriesPoints());
    assertEquals(4, options.concurrency());
  }

  @Test
  void usageErrors() {
    assertTrue(
        usageError("frobnicate", "--api", "https://c/").contains("unknown command 'frobnicate'"));
    assertTrue(usageError("check", "--api", "https://c/").contains("check needs --against FILE"));
    assertTrue(
        usageError("snapshot", "--api", "https://c/", "--out", "x").contains("needs --user"));
    assertTrue(usageError("check", "--against", "x").contains("needs --api URL"));
    assertTrue(
        usageError("check", "--api", "https://c/", "--against", "x", "--resolve", "c:443")
            .contains("--resolve takes HOST:PORT:ADDRESS"));
    assertTrue(
        usageError("check", "--api", "https://c/", "--against", "x", "--resolve", "c:443:not-an-ip")
            .contains("is not an IPv4 or IPv6 address"));
    assertTrue(
        usageError("check", "--api", "https://c/", "--against", "x", "--resolve", "c:99999:1.2.3.4")
            .contains("is not a port"));
    assertTrue(
        usageError(
                "check", "--api", "https://c/", "--against", "x", "--insecure", "--cacert", "a.pem")
            .contains("contradict"));
    assertTrue(
        usageError("health", "--api", "https://c/", "--out", "x")
            .contains("--out does not apply to health"));
    assertTrue(
        usageError("check", "--api", "https://c/", "--against", "x", "secret-token")
            .contains("never from the command line"));
    assertTrue(
        usageError("check", "--api", "https://c/", "--against", "x", "--concurrency", "0")
            .contains("at least 1"));
    assertTrue(
        usageError("seed", "--api", "https://c/", "--user", "a b", "--out", "x")
            .contains("not an account name"));
  }

  @Test
  void helpAndVersion() {
    assertTrue(parse("--help").help());
    assertTrue(usageError().contains("a command is required"));
    assertTrue(parse("--version").version());
    ToolRun help = ToolRun.run(java.util.Map.of(), "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("--resolve <HOST:PORT:IP>"), help.out());
    assertTrue(help.out().contains("Examples:"), help.out());
  }

  @Test
  void settleTakesADuration() {
    assertEquals(
        java.time.Duration.ofSeconds(30),
        parse("seed", "--api", "https://c/", "--user", "a", "--out", "m").settle());
    assertEquals(
        java.time.Duration.ofMinutes(2),
        parse("snapshot", "--api", "https://c/", "--user", "a", "--out", "s", "--settle", "2m")
            .settle());
    assertEquals(
        java.time.Duration.ofMillis(500),
        parse("snapshot", "--api", "https://c/", "--user", "a", "--out", "s", "--settle", "500ms")
            .settle());
    assertEquals(
        java.time.Duration.ZERO,
        parse("seed", "--api", "https://c/", "--user", "a", "--out", "m", "--settle", "0")
            .settle());
    assertEquals(
        java.time.Duration.ofSeconds(12),
        parse("seed", "--api", "https://c/", "--user", "a", "--out", "m", "--settle", "12")
            .settle());
    assertTrue(
        usageError("seed", "--api", "https://c/", "--user", "a", "--out", "m", "--settle", "soon")
            .contains("--settle takes a duration such as 30s, 2m, 500ms or 0, not 'soon'"));
    assertTrue(
        usageError("check", "--api", "https://c/", "--against", "x", "--settle", "5s")
            .contains("--settle does not apply to check"));
  }

  @Test
  void waitIsHealthsAndTakesADuration() {
    assertEquals(java.time.Duration.ZERO, parse("health", "--api", "https://c/").healthWait());
    assertEquals(
        java.time.Duration.ofMinutes(2),
        parse("health", "--api", "https://c/", "--wait", "2m").healthWait());
    assertTrue(
        usageError("health", "--api", "https://c/", "--wait", "later")
            .contains("--wait takes a duration such as 30s, 2m, 500ms or 0, not 'later'"));
    assertTrue(
        usageError("check", "--api", "https://c/", "--against", "x", "--wait", "5s")
            .contains("--wait does not apply to check"));
  }

  @Test
  void optionsBeforeOrAfterTheCommandAndDoubleDashEndsThem() {
    VerifyOptions after = parse("check", "--api", "https://c/", "--against", "x", "--json");
    VerifyOptions before = parse("--json", "--api", "https://c/", "check", "--against", "x");
    assertEquals(after, before);
    assertTrue(
        usageError("check", "--api", "https://c/", "--against", "x", "--", "--json")
            .contains("unexpected argument '--json'"),
        "after --, --json is an argument");
    assertEquals(
        VerifyVerb.CHECK, parse("--api", "https://c/", "--against", "x", "--", "check").verb());
  }

  @Test
  void noArgumentsIsAUsageErrorAndVerbosePrintsNoStackTraceForIt() {
    ToolRun bare = ToolRun.run(java.util.Map.of());
    assertEquals(2, bare.exit(), bare.toString());
    assertEquals(
        "verify: error: a command is required: seed, snapshot, check or health (see --help)\n",
        bare.err());
    ToolRun verbose = ToolRun.run(java.util.Map.of(), "--verbose", "check", "--api", "https://c/");
    assertEquals(2, verbose.exit(), verbose.toString());
    assertEquals(
        "verify: error: check needs --against FILE (a seed manifest or a snapshot)\n",
        verbose.err());
    ToolRun unknown = ToolRun.run(java.util.Map.of(), "frobnicate", "--verbose");
    assertEquals(2, unknown.exit());
    assertEquals(1, unknown.err().lines().count(), unknown.err());
  }
}
