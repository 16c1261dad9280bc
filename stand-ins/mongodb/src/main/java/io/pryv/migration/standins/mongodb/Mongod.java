package io.pryv.migration.standins.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.PrintStream;

/**
 * {@code mongod}: a mongo-java-server (the MongoDB wire protocol, data in memory) on {@code
 * --bind_ip} (default 127.0.0.1, like mongod since 3.6) and {@code --port} (default 27017). {@code
 * --config} and {@code --dbpath} are accepted and ignored: the data lives as long as the process.
 */
final class Mongod {
  /**
   * Returned instead of an exit code: the server runs on its own threads until the process is
   * killed.
   */
  static final int KEEP_RUNNING = Integer.MIN_VALUE;

  private Mongod() {}

  static int start(Generation generation, ToolArguments args, PrintStream out)
      throws ToolArguments.BadArguments {
    if (args.has("--version")) {
      out.println("db version v" + generation.serverVersion());
      return 0;
    }
    String port = args.value("--port").orElse("27017");
    if (!port.matches("\\d{1,5}")) {
      throw new ToolArguments.BadArguments("invalid port '" + port + "'");
    }
    String bind =
        args.has("--bind_ip_all") ? "0.0.0.0" : args.value("--bind_ip").orElse("127.0.0.1");
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind(bind, Integer.parseInt(port));
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongod-shutdown"));
    out.println(
        StandIn.timestamp()
            + " I NETWORK  [initandlisten] waiting for connections on port "
            + server.getLocalAddress().getPort()
            + " (stand-in: mongo-java-server, MongoDB "
            + generation.label()
            + " image)");
    out.flush();
    return KEEP_RUNNING;
  }
}
