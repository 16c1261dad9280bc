package io.pryv.migration.nginx.rewriter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreezeOptionsParserTest {

  @Test
  void freezeTakesTheFileRetryAfterAndItsFlagsBeforeOrAfterTheFile() {
    FreezeOptions options =
        FreezeOptionsParser.parse(
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
    assertEquals(new Command.NginxTest(true, "/usr/sbin/nginx"), options.nginxTest());
    assertTrue(options.json());
    assertNull(options.help());
  }

  @Test
  void defaultsAreSixtySecondsWritingWithoutNginxTest() {
    FreezeOptions options = FreezeOptionsParser.parse("freeze", new String[] {"site-443.conf"});
    assertEquals(60, options.retryAfter());
    assertFalse(options.dryRun());
    assertFalse(options.nginxTest().enabled());
    assertFalse(options.json());
  }

  @Test
  void unfreezeTakesNoRetryAfter() {
    assertEquals(
        Path.of("f.conf"),
        FreezeOptionsParser.parse("unfreeze", new String[] {"f.conf", "--dry-run"}).file());
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
    String help = FreezeOptionsParser.parse("freeze", new String[] {"--help"}).help();
    assertTrue(help.startsWith("usage: nginx-rewriter freeze FILE"), help);
    assertTrue(help.contains("--retry-after") && help.contains("Logins are writes"), help);
    assertTrue(
        FreezeOptionsParser.parse("unfreeze", new String[] {"-h"})
            .help()
            .contains("byte for byte"));
  }

  private static void assertUsage(String verb, String... args) {
    ToolException e =
        assertThrows(ToolException.class, () -> FreezeOptionsParser.parse(verb, args));
    assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
  }
}
