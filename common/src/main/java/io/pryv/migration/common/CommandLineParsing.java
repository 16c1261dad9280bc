package io.pryv.migration.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
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
   * A command line split at its verb: the verb (empty when there is none) and every other argument
   * in its order, so that options may come before or after the verb.
   */
  public record VerbLine(Optional<String> verb, String[] arguments) {
    public boolean has(String option) {
      for (String argument : arguments) {
        if (argument.equals("--")) {
          return false;
        }
        if (argument.equals(option)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Finds the verb: the first argument that is neither an option nor the value of one ({@code
   * options} holds every option of every verb, to know which take a value); after {@code --} the
   * next argument is the verb.
   */
  public static VerbLine splitVerb(String[] args, Options options) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return i + 1 < args.length
            ? verbAt(args, i + 1)
            : new VerbLine(Optional.empty(), args.clone());
      }
      if (arg.startsWith("-") && arg.length() > 1) {
        if (takesSeparateValue(arg, options)) {
          i++;
        }
        continue;
      }
      return verbAt(args, i);
    }
    return new VerbLine(Optional.empty(), args.clone());
  }

  private static VerbLine verbAt(String[] args, int index) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    String verb = rest.remove(index);
    return new VerbLine(Optional.of(verb), rest.toArray(String[]::new));
  }

  /** {@code --to X} or {@code -o X}, but not {@code --to=X}, {@code -oX} or a flag. */
  private static boolean takesSeparateValue(String arg, Options options) {
    if (arg.startsWith("--")) {
      String name = arg.substring(2);
      Option option = options.getOption(name);
      return !name.contains("=") && option != null && option.hasArg();
    }
    Option option = options.getOption(arg.substring(1, 2));
    return arg.length() == 2 && option != null && option.hasArg();
  }

  /**
   * The text printed by {@code --help}: a usage line, the description and footer as written
   * (already laid out by the tool, so never re-wrapped), and the options table between them.
   */
  @SuppressWarnings(
      "deprecation") // the new help API of commons-cli 1.10 prints the same table with more code
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
