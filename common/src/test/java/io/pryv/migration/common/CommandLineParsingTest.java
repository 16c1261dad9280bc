package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class CommandLineParsingTest {
  private final Options options = new Options()
      .addOption(Option.builder("n").longOpt("dry-run").desc("change nothing").get())
      .addOption(Option.builder().longOpt("port").hasArg().argName("PORT").desc("the port").get());

  @Test
  void unknownOptionIsAUsageError() {
    ToolException e = assertThrows(ToolException.class,
        () -> CommandLineParsing.parse(options, new String[] {"--dry"}));
    assertEquals(ExitCode.USAGE, e.exitCode());
  }

  @Test
  void badNumberIsAUsageErrorNamingTheOption() {
    ToolException e = assertThrows(ToolException.class,
        () -> CommandLineParsing.intValue(CommandLineParsing.parse(options, new String[] {"--port", "x"}), "port", 22));
    assertEquals("--port takes a whole number, not 'x'", e.getMessage());
  }

  @Test
  void helpKeepsTheToolsOwnLayout() {
    String description = "A line that is long enough that a formatter of one hundred columns would wrap it"
        + " somewhere near here.\n  indented second line";
    String help = CommandLineParsing.help("tool COMMAND", description, options, "Exit codes: 0 ok");
    assertTrue(help.startsWith("usage: tool COMMAND\n\n" + description + "\n\nOptions:\n"), help);
    assertTrue(help.contains("-n,--dry-run"), help);
    assertTrue(help.endsWith("\nExit codes: 0 ok\n"), help);
  }
}
