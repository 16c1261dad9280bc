package io.pryv.migration.standins.mongodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of one program, in the real programs' syntax ({@code --name value}, {@code
 * --name=value}, short {@code -d}/{@code -o}). Only the options listed per program are known; any
 * other is refused as the real program would refuse a typo, so a test cannot pass with an option
 * the stand-in silently ignored.
 */
record ToolArguments(Map<String, String> values, Set<String> flags, List<String> positional) {

  static final class BadArguments extends Exception {
    private static final long serialVersionUID = 1L;

    BadArguments(String message) {
      super(message);
    }
  }

  private static final Map<String, String> SHORT =
      Map.of("-d", "--db", "-o", "--out", "-h", "--host");

  private static final Map<String, List<String>> VALUED =
      Map.of(
          "mongod", List.of("--port", "--bind_ip", "--config", "--dbpath", "--logpath"),
          "mongodump", List.of("--host", "--port", "--uri", "--db", "--out"),
          "mongorestore", List.of("--host", "--port", "--uri", "--nsInclude", "--db", "--dir"),
          "mongo", List.of("--host", "--port", "--eval"),
          "mongosh", List.of("--host", "--port", "--eval"));

  private static final Map<String, List<String>> FLAGS =
      Map.of(
          "mongod", List.of("--bind_ip_all", "--quiet", "--version"),
          "mongodump", List.of("--gzip", "--quiet", "--version", "-v"),
          "mongorestore", List.of("--gzip", "--drop", "--quiet", "--version", "-v"),
          "mongo", List.of("--quiet", "--norc", "--version"),
          "mongosh", List.of("--quiet", "--norc", "--version"));

  static ToolArguments parse(String program, List<String> args) throws BadArguments {
    List<String> valued = VALUED.get(program);
    List<String> flagged = FLAGS.get(program);
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-") || arg.equals("-")) {
        positional.add(arg);
        continue;
      }
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      name = SHORT.getOrDefault(name, name);
      if (flagged.contains(name) && inline == null) {
        flags.add(name);
      } else if (valued.contains(name)) {
        if (inline == null) {
          if (i + 1 >= args.size()) {
            throw new BadArguments("expected argument for flag `" + name + "'");
          }
          inline = args.get(++i);
        }
        values.put(name, inline);
      } else {
        throw new BadArguments("unknown option \"" + arg + "\"");
      }
    }
    return new ToolArguments(values, flags, positional);
  }

  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  boolean has(String flag) {
    return flags.contains(flag);
  }

  /**
   * The connection string the tools' {@code --host}, {@code --port} and {@code --uri} describe
   * (default localhost:27017, like the real tools). {@code --host} may carry the port ({@code
   * host:port}).
   */
  String connectionString() throws BadArguments {
    if (values.containsKey("--uri")) {
      if (values.containsKey("--host") || values.containsKey("--port")) {
        throw new BadArguments("illegal argument combination: cannot specify --host and --uri");
      }
      return values.get("--uri");
    }
    String host = values.getOrDefault("--host", "localhost");
    String port = values.getOrDefault("--port", null);
    if (port == null) {
      return "mongodb://"
          + (host.matches(".*:\\d+$") && !host.endsWith("]") ? host : host + ":27017");
    }
    if (!port.matches("\\d{1,5}")) {
      throw new BadArguments("invalid port '" + port + "'");
    }
    return "mongodb://" + host + ":" + port;
  }
}
