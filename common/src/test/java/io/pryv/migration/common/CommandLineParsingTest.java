package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class CommandLineParsingTest {
  private final Options options =
      new Options()
          .addOption(Option.builder("n").longOpt("dry-run").desc("change nothing").get())
          .addOption(
              Option.builder().longOpt("port").hasArg().argName("PORT").desc("the port").get());

  @Test
  void unknownOptionIsAUsageError() {
    ToolException e =
        assertThrows(
            ToolException.class, () -> CommandLineParsing.parse(options, new String[] {"--dry"}));
    assertEquals(ExitCode.USAGE, e.exitCode());
  }

  @Test
  void badNumberIsAUsageErrorNamingTheOption() {
    ToolException e =
        assertThrows(
            ToolException.class,
            () ->
                CommandLineParsing.intValue(
                    CommandLineParsing.parse(options, new String[] {"--port", "x"}), "port", 22));
    assertEquals("--port takes a whole number, not 'x'", e.getMessage());
  }

  @Test
  void helpKeepsTheToolsOwnLayout() {
    String description =
        "A line that is long enough that a formatter of one hundred columns would wrap it"
            + " somewhere near here.\n  indented second line";
    String help = CommandLineParsing.help("tool COMMAND", description, options, "Exit codes: 0 ok");
    assertTrue(help.startsWith("usage: tool COMMAND\n\n" + description + "\n\nOptions:\n"), help);
    assertTrue(help.contains("-n,--dry-run"), help);
    assertTrue(help.endsWith("\nExit codes: 0 ok\n"), help);
  }

  @Test
  void theVerbIsFoundBeforeOrAfterOptionsAndTheirValues() {
    Options options = new Options();
    options.addOption(null, "json", false, "");
    options.addOption(null, "to", true, "");
    options.addOption("o", "output", true, "");
    assertVerb(
        "status",
        "[--json, f]",
        CommandLineParsing.splitVerb(new String[] {"--json", "status", "f"}, options));
    assertVerb(
        "status",
        "[f, --json]",
        CommandLineParsing.splitVerb(new String[] {"status", "f", "--json"}, options));
    assertVerb(
        "redirect",
        "[--to, 10.0.0.2, f]",
        CommandLineParsing.splitVerb(new String[] {"--to", "10.0.0.2", "redirect", "f"}, options));
    assertVerb(
        "get",
        "[--to=x, -o, out, f]",
        CommandLineParsing.splitVerb(new String[] {"--to=x", "-o", "out", "get", "f"}, options));
    assertVerb(
        "get",
        "[f, --, -foo]",
        CommandLineParsing.splitVerb(new String[] {"get", "f", "--", "-foo"}, options));
    assertVerb(
        "-x",
        "[--json, --, f]",
        CommandLineParsing.splitVerb(new String[] {"--json", "--", "-x", "f"}, options));
    CommandLineParsing.VerbLine none =
        CommandLineParsing.splitVerb(new String[] {"--json", "--help"}, options);
    assertTrue(none.verb().isEmpty());
    assertTrue(none.has("--help"));
    assertFalse(
        CommandLineParsing.splitVerb(new String[] {"get", "--", "--help"}, options).has("--help"));
  }

  private static void assertVerb(String verb, String rest, CommandLineParsing.VerbLine line) {
    assertEquals(verb, line.verb().orElseThrow());
    assertEquals(rest, java.util.Arrays.toString(line.arguments()));
  }
}
