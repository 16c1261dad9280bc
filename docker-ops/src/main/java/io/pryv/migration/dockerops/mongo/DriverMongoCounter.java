package io.pryv.migration.dockerops.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.pryv.migration.common.ToolException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Live counts through the official Java driver ({@code --mongo-uri}), exact {@code
 * countDocuments({})}.
 */
public final class DriverMongoCounter implements LiveMongoCounter {
  private final String uri;

  public DriverMongoCounter(String uri) {
    this.uri = uri;
  }

  @Override
  public SortedMap<String, Long> count(String database) {
    MongoClientSettings settings;
    try {
      settings =
          MongoClientSettings.builder()
              .applyConnectionString(new ConnectionString(uri))
              .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
              .build();
    } catch (IllegalArgumentException e) {
      throw ToolException.usage(
          "--mongo-uri is not a MongoDB connection string: " + e.getMessage());
    }
    try (MongoClient client = MongoClients.create(settings)) {
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
          "cannot count documents in "
              + database
              + " through "
              + redacted()
              + ": "
              + e.getMessage(),
          e);
    }
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
