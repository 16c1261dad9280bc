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

/** Each option of each verb, parsed without running anything. */
class NginxRewriterOptionsParserTest {

  @Test
  void redirectTakesTheFileTheTargetWithDefaultPortAndItsFlags() {
    NginxRewriterOptions redirect =
        parse(
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
    assertEquals(new NginxTest(true, "/usr/sbin/nginx"), redirect.nginxTest());
    assertTrue(redirect.json());
  }

  @Test
  void redirectDefaultsAreAllUpstreamsAndARealWriteWithoutNginxTest() {
    NginxRewriterOptions redirect =
        parse("redirect", new String[] {"--to", "[2001:db8::2]:8443", "f.conf"});
    assertEquals("[2001:db8::2]:8443", redirect.target().toString());
    assertEquals(Optional.empty(), redirect.only());
    assertFalse(redirect.dryRun());
    assertFalse(redirect.nginxTest().enabled());
    assertFalse(redirect.json());
    assertTrue(
        parse("redirect", new String[] {"f.conf", "--to", "core2.example.com", "-n"}).dryRun());
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
              () -> parse("redirect", new String[] {"f.conf", "--to", bad}),
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
    NginxRewriterOptions rollback =
        parse("rollback", new String[] {"f.conf", "--dry-run", "--nginx-test", "--json"});
    assertEquals(NginxRewriterVerb.ROLLBACK, rollback.verb());
    assertEquals(Path.of("f.conf"), rollback.file());
    assertTrue(rollback.dryRun());
    assertEquals(new NginxTest(true, null), rollback.nginxTest());
    assertTrue(rollback.json());
    NginxRewriterOptions status = parse("status", new String[] {"f.conf"});
    assertEquals(NginxRewriterVerb.STATUS, status.verb());
    assertEquals(Path.of("f.conf"), status.file());
    assertFalse(status.json());
  }

  @Test
  void helpOfEachCommandExplainsItWithExamples() {
    for (String verb : List.of("redirect", "rollback", "status")) {
      String help = NginxRewriterHelp.text(parse(verb, new String[] {"--help"}));
      assertTrue(help.contains("nginx-rewriter " + verb), help);
      assertTrue(help.contains("Example"), help);
      assertTrue(help.contains("Exit codes"), help);
    }
  }

  @Test
  void freezeTakesTheFileRetryAfterAndItsFlagsBeforeOrAfterTheFile() {
    NginxRewriterOptions options =
        parse(
            "freeze",
            new String[] {
              "--retry-after",
              "300",
              "site-443.conf",
              "-n",
              "--nginx-test",
              "--nginx",
              "/usr/sbin/nginx",
              "--json"
            });
    assertEquals(Path.of("site-443.conf"), options.file());
    assertEquals(300, options.retryAfter());
    assertTrue(options.dryRun());
    assertEquals(new NginxTest(true, "/usr/sbin/nginx"), options.nginxTest());
    assertTrue(options.json());
    assertFalse(options.help());
  }

  @Test
  void defaultsAreSixtySecondsWritingWithoutNginxTest() {
    NginxRewriterOptions options = parse("freeze", new String[] {"site-443.conf"});
    assertEquals(60, options.retryAfter());
    assertFalse(options.dryRun());
    assertFalse(options.nginxTest().enabled());
    assertFalse(options.json());
  }

  @Test
  void unfreezeTakesNoRetryAfter() {
    assertEquals(Path.of("f.conf"), parse("unfreeze", new String[] {"f.conf", "--dry-run"}).file());
    assertUsage("unfreeze", "f.conf", "--retry-after", "5");
  }

  @Test
  void badRetryAfterMissingFileAndStrayNginxAreUsageErrors() {
    assertUsage("freeze", "f.conf", "--retry-after", "0");
    assertUsage("freeze", "f.conf", "--retry-after", "86401");
    assertUsage("freeze", "f.conf", "--retry-after", "1m");
    assertUsage("freeze");
    assertUsage("freeze", "a.conf", "b.conf");
    assertUsage("freeze", "f.conf", "--nginx", "/usr/sbin/nginx");
    assertUsage("freeze", "f.conf", "--to", "10.0.0.2");
  }

  @Test
  void helpNamesTheVerbItsOptionsAndWhatItCostsUsers() {
    String help = NginxRewriterHelp.text(parse("freeze", new String[] {"--help"}));
    assertTrue(help.startsWith("usage: nginx-rewriter freeze FILE"), help);
    assertTrue(help.contains("--retry-after") && help.contains("Logins are writes"), help);
    assertTrue(
        NginxRewriterHelp.text(parse("unfreeze", new String[] {"-h"})).contains("byte for byte"));
  }

  @Test
  void unfreezeIsAnOptionOfRedirectOnly() {
    assertTrue(
        parse("redirect", new String[] {"f.conf", "--to", "10.0.0.2", "--unfreeze"}).unfreeze());
    assertFalse(parse("redirect", new String[] {"f.conf", "--to", "10.0.0.2"}).unfreeze());
    assertUsage("freeze", "f.conf", "--unfreeze");
    assertUsage("rollback", "f.conf", "--unfreeze");
    assertUsage("status", "f.conf", "--unfreeze");
  }

  @Test
  void helpOfAVerbByHelpVerbAndTheOverviewWithoutAVerbIsAUsageExit() {
    NginxRewriterOptions helpFreeze =
        NginxRewriterOptionsParser.parse(new String[] {"help", "freeze"});
    assertTrue(helpFreeze.help());
    assertEquals(NginxRewriterVerb.FREEZE, helpFreeze.verb());
    assertEquals(ExitCode.OK, helpFreeze.helpExitCode());
    NginxRewriterOptions none = NginxRewriterOptionsParser.parse(new String[0]);
    assertTrue(none.help());
    assertEquals(ExitCode.USAGE, none.helpExitCode());
    assertTrue(NginxRewriterHelp.text(none).startsWith("Usage: nginx-rewriter COMMAND"));
    assertTrue(NginxRewriterOptionsParser.parse(new String[] {"-V"}).version());
    NginxRewriterOptions lex =
        NginxRewriterOptionsParser.parse(new String[] {"lex", "f.conf", "--line-numbers"});
    assertEquals(NginxRewriterVerb.LEX, lex.verb());
    assertEquals(List.of("f.conf", "--line-numbers"), lex.crossplaneArguments());
  }

  private static NginxRewriterOptions parse(String verb, String[] args) {
    String[] line = new String[args.length + 1];
    line[0] = verb;
    System.arraycopy(args, 0, line, 1, args.length);
    return NginxRewriterOptionsParser.parse(line);
  }

  private static void assertUsage(String verb, String... args) {
    ToolException e =
        assertThrows(ToolException.class, () -> parse(verb, args), String.join(" ", args));
    assertEquals(ExitCode.USAGE, e.exitCode(), String.join(" ", args));
  }
}
