package io.pryv.migration.dockerops.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.pryv.migration.common.ToolException;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Live counts through the official Java driver ({@code --mongo-uri}), exact {@code
 * countDocuments({})}.
 */
public final class DriverMongoCounter implements LiveMongoCounter {
  // Without SLF4J the driver warns on stderr, through java.util.logging, that it does not log:
  // two lines of noise in docker-ops' log. Held here: java.util.logging keeps loggers weakly.
  private static final Logger DRIVER_LOG = Logger.getLogger("org.mongodb.driver");

  static {
    DRIVER_LOG.setLevel(Level.OFF);
  }

  private final String uri;
  private final Duration serverSelection;
  private final Duration connect;
  private MongoClient connected; // by connect(), for the next count

  /** The operator's {@code --mongo-uri}: 10 s to find the server, the driver's connect timeout. */
  public DriverMongoCounter(String uri) {
    this(uri, Duration.ofSeconds(10), null);
  }

  /**
   * @param connect the TCP connect timeout, or null for the driver's default
   */
  public DriverMongoCounter(String uri, Duration serverSelection, Duration connect) {
    this.uri = uri;
    this.serverSelection = serverSelection;
    this.connect = connect;
  }

  /**
   * A local container's mongod at its own address (a bridge or the loopback: it answers at once or
   * not at all), one server, no replica set discovery.
   */
  public static DriverMongoCounter container(String address, String port) {
    return new DriverMongoCounter(
        "mongodb://" + address + ":" + port + "/?directConnection=true",
        Duration.ofMillis(1500),
        Duration.ofSeconds(1));
  }

  /** Connects and pings the server; the next count uses this client, then closes it. */
  @Override
  public void connect() {
    synchronized (this) {
      if (connected != null) {
        return;
      }
    }
    MongoClient client = MongoClients.create(settings());
    try {
      client.getDatabase("admin").runCommand(new Document("ping", 1));
    } catch (MongoException e) {
      client.close();
      throw ToolException.environment(
          "cannot reach the MongoDB server at " + redacted() + ": " + reason(e), e);
    }
    synchronized (this) {
      if (connected == null) {
        connected = client;
        return;
      }
    }
    client.close();
  }

  @Override
  public SortedMap<String, Long> count(String database) {
    MongoClient open;
    synchronized (this) {
      open = connected;
      connected = null;
    }
    try (MongoClient client = open != null ? open : MongoClients.create(settings())) {
      MongoDatabase db = client.getDatabase(database);
      SortedMap<String, Long> counts = new TreeMap<>();
      for (String name : db.listCollectionNames()) {
        if (!name.startsWith("system.")) {
          counts.put(name, db.getCollection(name, Document.class).countDocuments());
        }
      }
      return counts;
    } catch (MongoException e) {
      throw ToolException.environment(
          "cannot count documents in " + database + " through " + redacted() + ": " + reason(e), e);
    }
  }

  private MongoClientSettings settings() {
    try {
      return MongoClientSettings.builder()
          .applyConnectionString(new ConnectionString(uri))
          .applyToClusterSettings(
              b -> b.serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS))
          .applyToSocketSettings(
              b -> {
                if (connect != null) {
                  b.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS);
                }
              })
          .build();
    } catch (IllegalArgumentException e) {
      throw ToolException.usage(
          "--mongo-uri is not a MongoDB connection string: " + e.getMessage());
    }
  }

  /**
   * The driver's message, without the whole cluster view of a timeout: what the connection attempt
   * last met instead ("no server answered within 1500 ms (ConnectException: Connection refused)").
   */
  String reason(MongoException e) {
    String message = String.valueOf(e.getMessage());
    int view = message.indexOf(". Client view of cluster state");
    if (!(e instanceof MongoTimeoutException) || view < 0) {
      return message;
    }
    Matcher cause =
        Pattern.compile("\\{([\\w.$]+(?:Exception|Error)): ([^}]*)}")
            .matcher(message.substring(view));
    String last = null;
    while (cause.find()) {
      last = cause.group(1).replaceAll(".*\\.", "") + ": " + cause.group(2);
    }
    return "no server answered within "
        + serverSelection.toMillis()
        + " ms"
        + (last == null ? "" : " (" + last + ")");
  }

  @Override
  public String description() {
    return "the MongoDB driver at " + redacted();
  }

  /** The URI without its password (never printed). */
  private String redacted() {
    return uri.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
  }
}
