package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The root of a tool: help (its page chosen from the command line), version, warnings, a verb. */
class ToolRootTest {
  private record Parsed(boolean help, boolean version, String verb, ExitCode helpExitCode)
      implements ToolRoot.Parsed {
    @Override
    public List<String> warnings() {
      return verb.equals("old") || verb.equals("-V")
          ? List.of(verb + " is deprecated; use new")
          : List.of();
    }
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ToolRoot root =
      new ToolRoot(
          "tool",
          ToolRootTest.class,
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));

  private int run(String... args) {
    return root.runWithHelpOf(
        args,
        a ->
            a.length == 0
                ? new Parsed(true, false, "", ExitCode.USAGE)
                : new Parsed(
                    a[a.length - 1].equals("--help"), a[0].equals("--version"), a[0], ExitCode.OK),
        options -> options.verb().isEmpty() ? "overview\n" : options.verb() + " page\n",
        options -> options.verb().equals("fail") ? 4 : 0);
  }

  @Test
  void theHelpPageDependsOnTheCommandLineAndItsExitCodeOnWhyItWasPrinted() {
    assertEquals(0, run("push", "--help"));
    assertEquals("push page\n", out.toString(StandardCharsets.UTF_8));
    out.reset();
    assertEquals(2, run());
    assertEquals("overview\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void warningsGoToStderrBeforeTheVerbRunsAndItsExitCodeIsReturned() {
    assertEquals(0, run("old"));
    assertEquals(
        "tool: warning: old is deprecated; use new\n", err.toString(StandardCharsets.UTF_8));
    assertEquals(4, run("fail"));
    assertEquals(0, run("--version"));
    assertEquals("tool development build\n", out.toString(StandardCharsets.UTF_8));
    err.reset();
    assertEquals(0, run("-V"));
    assertEquals(
        "tool: warning: -V is deprecated; use new\n", err.toString(StandardCharsets.UTF_8));
  }
}
