package io.pryv.migration.dockerops.exec;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Prints an argument list the way a POSIX shell would read it back: for --dry-run and messages
 * only.
 */
public final class ShellQuote {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ShellQuote() {}

  public static String join(List<String> command) {
    return command.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }

  public static String quote(String argument) {
    if (!argument.isEmpty() && PLAIN.matcher(argument).matches()) {
      return argument;
    }
    return "'" + argument.replace("'", "'\\''") + "'";
  }
}
