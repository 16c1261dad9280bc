package io.pryv.migration.nginx.rewriter.crossplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Option parsing only: nothing runs. */
class ArgsTest {

  @Test
  void parseTakesCrossplanesFlags() {
    ParseArgs args =
        ParseArgs.from(
            new String[] {
              "nginx.conf",
              "-i",
              "2",
              "--ignore",
              "ssl_certificate,user",
              "--no-catch",
              "--tb-onerror",
              "--combine",
              "--single-file",
              "--include-comments",
              "--strict",
              "-o",
              "x"
            });
    assertEquals(
        new ParseArgs(
            "nginx.conf",
            "x",
            2,
            Set.of("ssl_certificate", "user"),
            false,
            true,
            true,
            true,
            true,
            true,
            false),
        args);
    ParseArgs defaults = ParseArgs.from(new String[] {"nginx.conf"});
    assertNull(defaults.indent());
    assertTrue(defaults.catchErrors());
    assertTrue(defaults.ignore().isEmpty());
    assertTrue(ParseArgs.from(new String[] {"--help"}).help());
  }

  @Test
  void buildAndLexTakeTheirFlags() {
    assertEquals(
        new BuildArgs("p.json", "/tmp/d", true, 2, false, false, true, true, false),
        BuildArgs.from(
            new String[] {
              "p.json", "-d", "/tmp/d", "-f", "-i", "2", "--no-headers", "--stdout", "-v"
            }));
    BuildArgs tabs = BuildArgs.from(new String[] {"p.json", "--tabs"});
    assertTrue(tabs.tabs());
    assertEquals(4, tabs.indent());
    assertTrue(tabs.header());
    assertEquals(
        new LexArgs("n.conf", null, 4, true, false),
        LexArgs.from(new String[] {"n.conf", "-n", "--indent", "4"}));
    assertFalse(LexArgs.from(new String[] {"n.conf"}).lineNumbers());
  }

  @Test
  void badUsageIsAUsageError() {
    for (String[] bad :
        new String[][] {
          {}, {"a.conf", "b.conf"}, {"a.conf", "--indent", "two"}, {"a.conf", "--no-such-flag"}
        }) {
      ToolException e = assertThrows(ToolException.class, () -> ParseArgs.from(bad));
      assertEquals(ExitCode.USAGE, e.exitCode());
    }
    ToolException both =
        assertThrows(
            ToolException.class,
            () -> BuildArgs.from(new String[] {"p.json", "--tabs", "--indent", "2"}));
    assertEquals(ExitCode.USAGE, both.exitCode());
  }
}
