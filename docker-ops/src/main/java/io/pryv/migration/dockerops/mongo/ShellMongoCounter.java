package io.pryv.migration.dockerops.mongo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.ExecMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Live counts through the MongoDB shell next to mongodump ({@code docker exec pryvio_mongodb
 * /app/bin/mongodb/bin/mongosh --quiet --norc pryv-node --eval SCRIPT}, or {@code mongo} on images
 * before MongoDB 6.0): works wherever the dump runs, also over SSH, without exposing the database
 * port. Which shell is there is found once, on the first count ({@link MongoShellFinder}). The
 * script runs in both shells and prints one JSON object {collection: count}.
 */
public final class ShellMongoCounter implements LiveMongoCounter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CommandRunner runner;
  private final Commands commands;
  private final MongoShellFinder finder;
  private MongoShell shell; // found on the first count

  public ShellMongoCounter(CommandRunner runner, Commands commands) {
    this.runner = runner;
    this.commands = commands;
    this.finder = new MongoShellFinder(runner, commands);
  }

  /** The exact command (for tests and --dry-run). */
  public List<String> command(MongoShell with, String database) {
    List<String> tool = new ArrayList<>(List.of(with.path(), "--quiet", "--norc"));
    commands
        .layout()
        .mongoHostPort()
        .ifPresent(hp -> tool.addAll(List.of("--host", hp[0], "--port", hp[1])));
    tool.add(database);
    tool.add("--eval");
    tool.add(script());
    return commands.inMongo(tool);
  }

  /**
   * Counts every non-system collection of the current database; countDocuments when the shell has
   * it (mongosh, mongo 4.0+), else itcount (mongo 3.6). The test stand-in answers this exact text
   * only: change both together.
   */
  public static String script() {
    return "var r={};db.getCollectionNames().forEach(function(c){if(c.indexOf('system.')===0)return;"
        + "var k=db.getCollection(c);r[c]=(typeof k.countDocuments==='function')?k.countDocuments({}):"
        + "k.find().itcount();});print(JSON.stringify(r));";
  }

  @Override
  public SortedMap<String, Long> count(String database) {
    MongoShell with = found();
    ProcessRunner.Result result = runner.query(command(with, database));
    return parse(result.stdout(), database, with.name());
  }

  private MongoShell found() {
    if (shell == null) {
      shell = finder.find().orElseThrow(finder::noShell);
    }
    return shell;
  }

  @Override
  public Optional<MongoShell> shell() {
    return Optional.ofNullable(shell);
  }

  /** The last line that is a JSON object (the shell may print warnings first). */
  static SortedMap<String, Long> parse(String stdout, String database, String shellName) {
    String[] lines = stdout.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (line.startsWith("{")) {
        try {
          Map<String, Long> map = JSON.readValue(line, new TypeReference<Map<String, Long>>() {});
          return new TreeMap<>(map);
        } catch (IOException e) {
          throw ToolException.environment(
              "the "
                  + shellName
                  + " shell printed an unreadable count for "
                  + database
                  + ": "
                  + line);
        }
      }
    }
    throw ToolException.environment(
        "the "
            + shellName
            + " shell printed no count for "
            + database
            + " (output: '"
            + stdout.strip()
            + "')");
  }

  @Override
  public String description() {
    String where =
        commands.layout().execMode() == ExecMode.DOCKER
            ? " in " + commands.layout().mongoContainer()
            : "";
    // before the first count (a dry run) the shell is not looked for: mongosh or mongo, whichever
    // is there
    return (shell == null ? "the mongo shell" : shell.describe()) + where;
  }
}
