package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which MongoDB shell the mongodb container (or this machine, with {@code --exec local}) has,
 * by asking each candidate for {@code --version} in the tools' folder: {@code mongosh} first
 * (Pryv's current image, MongoDB 6.0, has no {@code mongo}), then the legacy {@code mongo} (3.6 and
 * older images). A missing program is "not this one"; any other failure (container stopped, docker
 * unreachable) is an error, never "no shell".
 */
public final class MongoShellFinder {
  /** The order of the search: the current image's shell first. */
  public static final List<String> SHELLS = List.of("mongosh", "mongo");

  private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+[0-9A-Za-z.+-]*)");
  private static final Pattern MISSING =
      Pattern.compile(
          "(?i)no such file or directory|not found|executable file not found|cannot find");

  private final CommandRunner runner;
  private final Commands commands;

  public MongoShellFinder(CommandRunner runner, Commands commands) {
    this.runner = runner;
    this.commands = commands;
  }

  /** The command that asks one shell for its version (read-only). */
  public List<String> versionCommand(String shell) {
    return commands.inMongo(List.of(commands.layout().mongoTool(shell), "--version"));
  }

  public Optional<MongoShell> find() {
    for (String name : SHELLS) {
      ProcessRunner.Result result;
      try {
        result = runner.queryAllowingFailure(versionCommand(name));
      } catch (ToolException e) {
        if (e.getCause() instanceof IOException) {
          continue; // --exec local: the program is not on this machine
        }
        throw e;
      }
      if (result.succeeded()) {
        return Optional.of(
            new MongoShell(name, commands.layout().mongoTool(name), version(result.stdout())));
      }
      if (!missing(result)) {
        throw runner.failure(result);
      }
    }
    return Optional.empty();
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
   * "1.8.2" from mongosh, "3.6.23" from "MongoDB shell version v3.6.23"; "unknown" when none is
   * printed.
   */
  static String version(String stdout) {
    Matcher m = VERSION.matcher(stdout);
    return m.find() ? m.group(1) : "unknown";
  }

  /**
   * The error when neither shell is there, naming what was looked for and the way to count without
   * one.
   */
  ToolException noShell() {
    String where =
        commands.layout().execMode() == io.pryv.migration.dockerops.layout.ExecMode.DOCKER
            ? " in container " + commands.layout().mongoContainer()
            : " on this machine";
    return ToolException.environment(
        "no MongoDB shell"
            + where
            + runner.where()
            + ": neither "
            + commands.layout().mongoTool("mongosh")
            + " (MongoDB 6.0 images) nor "
            + commands.layout().mongoTool("mongo")
            + " (3.6 and older) answers --version; check --mongo-bin, or count without a shell through the MongoDB"
            + " driver: --mongo-uri mongodb://HOST:PORT (the database port must be reachable from where docker-ops runs)");
  }
}
