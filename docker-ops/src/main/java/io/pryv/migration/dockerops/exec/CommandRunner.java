package io.pryv.migration.dockerops.exec;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs the commands of an operation through a {@link ProcessRunner} (local, or over SSH): logs each
 * command line, turns a failure into one clear line naming the command (and the container, from
 * docker's own message), and with --dry-run prints the command instead of running it.
 */
public final class CommandRunner {
  private final ProcessRunner runner;
  private final boolean dryRun;
  private final PrintStream log;
  private final Duration timeout;
  private final String where;

  /**
   * @param where a short text naming the machine ("" for this one, " on user@host" over SSH), for
   *     messages
   * @param log where command lines and their output go (stderr), never stdout
   */
  public CommandRunner(
      ProcessRunner runner, boolean dryRun, PrintStream log, Duration timeout, String where) {
    this.runner = runner;
    this.dryRun = dryRun;
    this.log = log;
    this.timeout = timeout;
    this.where = where;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public String where() {
    return where;
  }

  /** Runs the command and returns its result; a non-zero exit is an environment error (exit 4). */
  public ProcessRunner.Result run(List<String> command) {
    ProcessRunner.Result result = runAllowingFailure(command);
    if (!result.succeeded()) {
      throw failure(result);
    }
    return result;
  }

  /** Runs the command whatever its exit code (dry run: prints it and returns an empty success). */
  public ProcessRunner.Result runAllowingFailure(List<String> command) {
    String line = ShellQuote.join(command);
    if (dryRun) {
      log.println("would run" + where + ": " + line);
      return new ProcessRunner.Result(List.copyOf(command), 0, "", "");
    }
    log.println("$ " + line);
    long start = System.nanoTime();
    ProcessRunner.Result result = runner.run(command, null, timeout);
    // How long the database tool itself took: migrate-core's report subtracts it from the downtime
    // window.
    log.println(
        String.format(
            Locale.ROOT,
            "# exit %d after %.2f s",
            result.exitCode(),
            (System.nanoTime() - start) / 1e9));
    return result;
  }

  /**
   * Runs a read-only query even in a dry run (status, counts): it changes nothing, and the plan
   * needs it.
   */
  public ProcessRunner.Result query(List<String> command) {
    ProcessRunner.Result result = runner.run(command, null, timeout);
    if (!result.succeeded()) {
      throw failure(result);
    }
    return result;
  }

  /**
   * Runs a read-only query whatever its exit code, without logging it (the caller interprets the
   * output).
   */
  public ProcessRunner.Result queryAllowingFailure(List<String> command) {
    return runner.run(command, null, timeout);
  }

  /** Prints a child's output to the log (after it ran: the runner captures it). */
  public void echo(ProcessRunner.Result result) {
    for (String text : List.of(result.stdout(), result.stderr())) {
      if (!text.isBlank()) {
        log.print(text.endsWith("\n") ? text : text + "\n");
      }
    }
  }

  /**
   * One line for a failed command: docker's own reason when it names the container, else the last
   * stderr line.
   */
  public ToolException failure(ProcessRunner.Result result) {
    return ToolException.environment(FailureMessages.describe(result) + where);
  }
}
