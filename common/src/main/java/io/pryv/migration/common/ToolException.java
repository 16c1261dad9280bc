package io.pryv.migration.common;

/**
 * A failure that the command boundary reports as one line, {@code TOOL: error: MESSAGE}, with its
 * exit code. Messages name the file and line, what was expected and what to do.
 */
public class ToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

  public ToolException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  public ToolException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    if (exitCode == ExitCode.OK) {
      throw new IllegalArgumentException("a ToolException cannot carry exit code 0");
    }
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public static ToolException usage(String message) {
    return new ToolException(ExitCode.USAGE, message);
  }

  public static ToolException badInput(String message) {
    return new ToolException(ExitCode.BAD_INPUT, message);
  }

  public static ToolException badInput(String message, Throwable cause) {
    return new ToolException(ExitCode.BAD_INPUT, message, cause);
  }

  public static ToolException environment(String message) {
    return new ToolException(ExitCode.ENVIRONMENT, message);
  }

  public static ToolException environment(String message, Throwable cause) {
    return new ToolException(ExitCode.ENVIRONMENT, message, cause);
  }
}
