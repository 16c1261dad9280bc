package io.pryv.migration.standins.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code mongo} (3.6) or {@code mongosh} (6.0): {@code [--quiet] [--norc] [--host H] [--port P]
 * [ADDRESS] --eval SCRIPT}, and {@code --version}. There is no JavaScript here: the stand-in
 * answers only the scripts it knows, word for word ({@link #COUNT_DOCUMENTS}, docker-ops' live
 * count), and refuses any other with exit 1, so a change of the script in docker-ops shows as a
 * failing test instead of a made-up answer.
 */
public final class Shell {
  /**
   * docker-ops' live count (ShellMongoCounter.script()): prints {@code {"shell": VERSION, "counts":
   * {collection: count}}}, the shell's {@code version()} and the counts of the non-system
   * collections, in one run.
   */
  public static final String COUNT_DOCUMENTS =
      "var r={};db.getCollectionNames().forEach(function(c){if(c.indexOf('system.')===0)return;"
          + "var k=db.getCollection(c);r[c]=(typeof k.countDocuments==='function')?k.countDocuments({}):"
          + "k.find().itcount();});print(JSON.stringify({shell:version(),counts:r}));";

  private final Generation generation;
  private final ToolArguments args;
  private final PrintStream out;
  private final PrintStream err;

  Shell(Generation generation, ToolArguments args, PrintStream out, PrintStream err) {
    this.generation = generation;
    this.args = args;
    this.out = out;
    this.err = err;
  }

  int run() throws ToolArguments.BadArguments {
    String name = generation.shell();
    if (args.has("--version")) {
      out.println(
          generation.databaseTools100()
              ? generation.shellVersion()
              : "MongoDB shell version v" + generation.shellVersion());
      return 0;
    }
    if (args.value("--eval").isEmpty()) {
      err.println(
          name
              + " (stand-in): no interactive shell here; only --eval with docker-ops' scripts"
              + " (stand-ins/mongodb/README.md)");
      return 1;
    }
    if (args.positional().size() > 1) {
      throw new ToolArguments.BadArguments("too many positional arguments: " + args.positional());
    }
    String address = args.positional().isEmpty() ? "test" : args.positional().get(0);
    String database = address;
    String connection = args.connectionString();
    int slash = address.lastIndexOf('/');
    if (address.startsWith("mongodb://")) {
      connection = address.substring(0, slash);
      database = address.substring(slash + 1);
    } else if (slash > 0) {
      connection = "mongodb://" + address.substring(0, slash);
      database = address.substring(slash + 1);
    }
    String script = args.value("--eval").get();
    if (!script.equals(COUNT_DOCUMENTS)) {
      err.println(
          name
              + " (stand-in): this stand-in evaluates only docker-ops' count script, not: "
              + (script.length() > 60 ? script.substring(0, 60) + "..." : script)
              + " (see stand-ins/mongodb/README.md)");
      return 1;
    }
    try (MongoClient client = Clients.open(connection)) {
      MongoDatabase db = client.getDatabase(database);
      if (!args.has("--quiet")) {
        banner(connection + "/" + database);
      }
      List<String> names = new ArrayList<>();
      db.listCollectionNames().into(names);
      Map<String, Long> counts =
          new TreeMap<>(); // getCollectionNames() is sorted, and so is JSON.stringify's order
      for (String collection : names) {
        if (!collection.startsWith("system.")) {
          counts.put(collection, db.getCollection(collection).countDocuments());
        }
      }
      StringBuilder json = new StringBuilder();
      counts.forEach(
          (collection, n) ->
              json.append(json.length() > 0 ? "," : "")
                  .append(quote(collection))
                  .append(':')
                  .append(n));
      // JSON.stringify keeps the object literal's order: shell, then counts
      out.println("{\"shell\":" + quote(generation.shellVersion()) + ",\"counts\":{" + json + "}}");
    }
    return 0;
  }

  private void banner(String connection) {
    if (generation.databaseTools100()) {
      out.println("Current Mongosh Log ID:\t" + Long.toHexString(System.nanoTime()));
      out.println("Connecting to:\t\t" + connection);
      out.println("Using MongoDB:\t\t" + generation.serverVersion());
      out.println("Using Mongosh:\t\t" + generation.shellVersion());
    } else {
      out.println("MongoDB shell version v" + generation.shellVersion());
      out.println("connecting to: " + connection);
      out.println("MongoDB server version: " + generation.serverVersion());
    }
  }

  /** JSON.stringify's quoting of a collection name. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
