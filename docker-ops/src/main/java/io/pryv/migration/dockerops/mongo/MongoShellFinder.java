package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.ExecMode;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds which MongoDB shell the mongodb container (or this machine, with {@code --exec local}) has
 * by running the real work with each candidate in the tools' folder, no separate {@code --version}
 * run (each shell run is a program start: mongosh is a Node program): {@code mongosh} first (Pryv's
 * current image, MongoDB 6.0, has no {@code mongo}), then the legacy {@code mongo} (3.6 and older
 * images), only when {@code mongosh} is missing. A missing program is "not this one"; any other
 * failure (container stopped, docker unreachable, database down) is an error, never "no shell".
 */
public final class MongoShellFinder {
  /** The order of the search: the current image's shell first. */
  public static final List<String> SHELLS = List.of("mongosh", "mongo");

  private static final Pattern MISSING =
      Pattern.compile(
          "(?i)no such file or directory|not found|executable file not found|cannot find");

  /** The shell that ran (its name and path) and what it answered. */
  public record Ran(String name, String path, ProcessRunner.Result result) {}

  private final CommandRunner runner;
  private final Commands commands;

  public MongoShellFinder(CommandRunner runner, Commands commands) {
    this.runner = runner;
    this.commands = commands;
  }

  /** The path of a shell in the tools' folder ({@code /app/bin/mongodb/bin/mongosh}). */
  public String path(String shell) {
    return commands.layout().mongoTool(shell);
  }

  /**
   * Runs {@code command(path)} with the first shell that is there (read-only work: a query).
   *
   * @param command the whole command for a shell's path (wrapped in docker exec by the caller)
   */
  public Ran run(Function<String, List<String>> command) {
    for (String name : SHELLS) {
      ProcessRunner.Result result;
      try {
        result = runner.queryAllowingFailure(command.apply(path(name)));
      } catch (ToolException e) {
        if (e.getCause() instanceof IOException) {
          continue; // --exec local: the program is not on this machine
        }
        throw e;
      }
      if (result.succeeded()) {
        return new Ran(name, path(name), result);
      }
      if (!missing(result)) {
        throw runner.failure(result);
      }
    }
    throw noShell();
  }

  /**
   * docker exec says 126 or 127 and "no such file or directory"; a remote shell says 127 "not
   * found".
   */
  static boolean missing(ProcessRunner.Result result) {
    return result.exitCode() == 127
        || (result.exitCode() == 126 && MISSING.matcher(result.stderr() + result.stdout()).find());
  }

  /**
   * The error when neither shell is there, naming what was looked for and the way to count without
   * one.
   */
  ToolException noShell() {
    String where =
        commands.layout().execMode() == ExecMode.DOCKER
            ? " in container " + commands.layout().mongoContainer()
            : " on this machine";
    return ToolException.environment(
        "no MongoDB shell"
            + where
            + runner.where()
            + ": neither "
            + path("mongosh")
            + " (MongoDB 6.0 images) nor "
            + path("mongo")
            + " (3.6 and older) is there to run; check --mongo-bin, or count without a shell through the MongoDB"
            + " driver: --mongo-uri mongodb://HOST:PORT (the database port must be reachable from where docker-ops runs)");
  }
}
