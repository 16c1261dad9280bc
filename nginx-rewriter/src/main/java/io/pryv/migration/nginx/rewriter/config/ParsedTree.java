package io.pryv.migration.nginx.rewriter.config;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import java.util.List;

/**
 * A parsed main file and the files it includes (the main file first), or the errors that stopped
 * it.
 */
public record ParsedTree(List<ParsedFile> files, List<Problem> errors) {

  /**
   * A parse error: file, line (null when unknown), message, and the exit code it calls for (bad
   * input, or the environment for a file that could not be read, such as permission denied).
   */
  public record Problem(String file, Integer line, String message, ExitCode code) {
    public Problem(String file, Integer line, String message) {
      this(file, line, message, ExitCode.BAD_INPUT);
    }
  }

  /**
   * Throws the first error as one line, {@code FILE[NOTE][:LINE]: MESSAGE (and N more errors);
   * nothing changed}, with its exit code; does nothing when there is none.
   */
  public static void failOnErrors(List<Problem> errors, String note) {
    if (errors.isEmpty()) {
      return;
    }
    Problem first = errors.get(0);
    // crossplane appends " in FILE:LINE" to its messages; the place is printed first, once.
    String message = first.message().replaceFirst(" in \\S+:\\d+$", "");
    throw new ToolException(
        first.code(),
        first.file()
            + note
            + (first.line() == null ? "" : ":" + first.line())
            + ": "
            + message
            + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "")
            + "; nothing changed");
  }
}
