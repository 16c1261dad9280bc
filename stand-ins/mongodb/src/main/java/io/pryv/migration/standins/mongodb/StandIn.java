package io.pryv.migration.standins.mongodb;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar mongodb-stand-in.jar GENERATION PROGRAM ARGS...}: plays one program of Pryv's
 * {@code pryvio/mongodb} image. The image's {@code /app/bin/mongodb/bin/PROGRAM} links to a
 * launcher that calls this with its own name.
 */
public final class StandIn {
  private StandIn() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != Mongod.KEEP_RUNNING) {
      System.exit(code);
    }
  }

  /**
   * The exit code, or {@link Mongod#KEEP_RUNNING} when a server was started and serves until
   * killed.
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      err.println(
          "usage: mongodb-stand-in 3.6|6.0 mongod|mongo|mongosh|mongodump|mongorestore [ARGS...]");
      return 2;
    }
    Generation generation;
    try {
      generation = Generation.of(args[0]);
    } catch (IllegalArgumentException e) {
      err.println("mongodb-stand-in: " + e.getMessage());
      return 2;
    }
    String program = args[1];
    List<String> rest = Arrays.asList(args).subList(2, args.length);
    if (!generation.programs().contains(program)) {
      // the real image has no such program: say so like a missing executable would
      err.println(
          program
              + ": not part of the MongoDB "
              + generation.label()
              + " image (it has "
              + String.join(", ", generation.programs())
              + ")");
      return 127;
    }
    try {
      return switch (program) {
        case "mongod" -> Mongod.start(generation, ToolArguments.parse(program, rest), out);
        case "mongodump" -> new Dump(generation, ToolArguments.parse(program, rest), err).run();
        case "mongorestore" ->
            new Restore(generation, ToolArguments.parse(program, rest), err).run();
        default -> new Shell(generation, ToolArguments.parse(program, rest), out, err).run();
      };
    } catch (ToolArguments.BadArguments e) {
      err.println(
          program.equals("mongosh")
              ? "MongoshInvalidInputError: " + e.getMessage()
              : "error parsing command line options: " + e.getMessage());
      return generation.databaseTools100() || program.equals("mongod") ? 1 : 2;
    } catch (com.mongodb.MongoException e) {
      err.println(timestamp() + "\tFailed: " + e.getMessage());
      return 1;
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      err.println(timestamp() + "\tFailed: " + e.getMessage());
      return 1;
    }
  }

  /** The tools' log lines start with a timestamp like {@code 2023-05-22T10:00:00.000+0000}. */
  static String timestamp() {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
  }
}
