package io.pryv.migration.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an argument list into one line for the remote POSIX shell, each argument single-quoted so
 * that nothing in it (spaces, {@code $}, {@code ;}, quotes, newlines) is interpreted there.
 */
public final class RemoteCommand {
  private RemoteCommand() {}

  /** {@code abc} → {@code 'abc'}; {@code it's} → {@code 'it'\''s'}. */
  public static String quote(String argument) {
    return "'" + argument.replace("'", "'\\''") + "'";
  }

  /** Every argument quoted, joined by spaces. */
  public static String join(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty remote command");
    }
    return command.stream().map(RemoteCommand::quote).collect(Collectors.joining(" "));
  }

  /** {@code cd 'DIR' && 'arg' 'arg'...}. */
  public static String inDirectory(String directory, List<String> command) {
    return "cd " + quote(directory) + " && " + join(command);
  }
}
