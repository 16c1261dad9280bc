package io.pryv.migration.dockerops.mongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.exec.Commands;
import io.pryv.migration.dockerops.layout.ExecMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Live counts through the MongoDB shell next to mongodump ({@code docker exec pryvio_mongodb
 * /app/bin/mongodb/bin/mongosh --quiet --norc pryv-node --eval SCRIPT}, or {@code mongo} on images
 * before MongoDB 6.0): works wherever the dump runs, also over SSH, without exposing the database
 * port. One shell run per count: the script also prints the shell's version, and the first count
 * finds the shell by trying mongosh, then mongo ({@link MongoShellFinder}); later counts use the
 * one found. The script runs in both shells and prints one JSON object {@code {"shell": VERSION,
 * "counts": {collection: count}}}.
 */
public final class ShellMongoCounter implements LiveMongoCounter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Commands commands;
  private final CommandRunner runner;
  private final MongoShellFinder finder;
  private MongoShell shell; // found on the first count

  public ShellMongoCounter(CommandRunner runner, Commands commands) {
    this.commands = commands;
    this.runner = runner;
    this.finder = new MongoShellFinder(runner, commands);
  }

  /** The exact command with the shell at {@code path} (for tests and --dry-run). */
  public List<String> command(String path, String database) {
    List<String> tool = new ArrayList<>(List.of(path, "--quiet", "--norc"));
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
   * it (mongosh, mongo 4.0+), else itcount (mongo 3.6); {@code version()} is the shell's own
   * version in both. The test stand-in answers this exact text only: change both together.
   */
  public static String script() {
    return "var r={};db.getCollectionNames().forEach(function(c){if(c.indexOf('system.')===0)return;"
        + "var k=db.getCollection(c);r[c]=(typeof k.countDocuments==='function')?k.countDocuments({}):"
        + "k.find().itcount();});print(JSON.stringify({shell:version(),counts:r}));";
  }

  @Override
  public SortedMap<String, Long> count(String database) {
    if (shell != null) {
      return parse(runner.query(command(shell.path(), database)).stdout(), database, shell.name())
          .counts();
    }
    MongoShellFinder.Ran ran = finder.run(path -> command(path, database));
    Answer answer = parse(ran.result().stdout(), database, ran.name());
    shell = new MongoShell(ran.name(), ran.path(), answer.version());
    return answer.counts();
  }

  @Override
  public Optional<MongoShell> shell() {
    return Optional.ofNullable(shell);
  }

  /** What the script printed: the shell's version ("unknown" if it printed none) and the counts. */
  record Answer(String version, SortedMap<String, Long> counts) {}

  /** The last line that is a JSON object (the shell may print warnings first). */
  static Answer parse(String stdout, String database, String shellName) {
    String[] lines = stdout.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (line.startsWith("{")) {
        return answer(line, database, shellName);
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

  private static Answer answer(String line, String database, String shellName) {
    ToolException unreadable =
        ToolException.environment(
            "the "
                + shellName
                + " shell printed an unreadable count for "
                + database
                + ": "
                + line);
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (IOException e) {
      throw unreadable;
    }
    JsonNode counts = root.path("counts");
    if (!counts.isObject()) {
      throw unreadable;
    }
    SortedMap<String, Long> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber()) {
        throw unreadable;
      }
      out.put(e.getKey(), e.getValue().longValue());
    }
    String version = root.path("shell").isTextual() ? root.path("shell").asText() : "unknown";
    return new Answer(version, out);
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
