package io.pryv.migration.standins.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;

/**
 * The tools are clients of the server over the wire protocol, like the real ones (official Java
 * driver).
 */
final class Clients {
  private Clients() {}

  static MongoClient open(String connectionString) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(connectionString))
            .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
            .build());
  }
}
