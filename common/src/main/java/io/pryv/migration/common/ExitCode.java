package io.pryv.migration.common;

/** The exit codes every tool of the toolkit shares (see CONVENTIONS.md). */
public enum ExitCode {
  /** Done, or the check found everything as expected. */
  OK(0),
  /** The check ran and found a difference. */
  DIFFERENCE(1),
  /** Bad option or argument. */
  USAGE(2),
  /** Unparsable file, missing path, value not found, ambiguous name. */
  BAD_INPUT(3),
  /** SSH, docker, HTTP, or a child process failed. */
  ENVIRONMENT(4),
  /** A bug. */
  INTERNAL(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
