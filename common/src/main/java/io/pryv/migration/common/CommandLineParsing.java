package io.pryv.migration.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** GNU-style parsing with commons-cli, turning its errors into usage errors (exit 2). */
public final class CommandLineParsing {
  private static final int HELP_WIDTH = 100;

  private CommandLineParsing() {}

  public static CommandLine parse(Options options, String[] args) {
    try {
      return DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, args);
    } catch (ParseException e) {
      throw ToolException.usage(e.getMessage() + " (see --help)");
    }
  }

  /**
   * The text printed by {@code --help}: a usage line, the description and footer as written (already laid out
   * by the tool, so never re-wrapped), and the options table between them.
   */
  @SuppressWarnings("deprecation") // the new help API of commons-cli 1.10 prints the same table with more code
  public static String help(String usage, String description, Options options, String footer) {
    StringWriter table = new StringWriter();
    HelpFormatter formatter = new HelpFormatter();
    formatter.setOptionComparator(null);
    try (PrintWriter writer = new PrintWriter(table)) {
      formatter.printOptions(writer, HELP_WIDTH, options, 2, 2);
    }
    StringBuilder text = new StringBuilder();
    text.append("usage: ").append(usage).append("\n\n");
    text.append(description.strip()).append("\n\nOptions:\n");
    text.append(table.toString().stripTrailing()).append('\n');
    if (footer != null && !footer.isBlank()) {
      text.append('\n').append(footer.strip()).append('\n');
    }
    return text.toString();
  }

  /** A required whole number option, or a usage error naming it. */
  public static int intValue(CommandLine line, String option, int defaultValue) {
    String value = line.getOptionValue(option);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ToolException.usage("--" + option + " takes a whole number, not '" + value + "'");
    }
  }
}
