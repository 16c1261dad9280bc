package io.pryv.migration.common;

/** What a verb returns: the facts its printers show, and the exit code those facts mean. */
public interface VerbReport {
  /** OK unless the report found a difference (the verb throws for every other failure). */
  default ExitCode exitCode() {
    return ExitCode.OK;
  }
}
