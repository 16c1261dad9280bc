package io.pryv.migration.dockerops.mongo;

import java.util.Optional;
import java.util.SortedMap;

/**
 * Counts the documents per collection in the live database (system collections excluded, like
 * mongodump).
 */
public interface LiveMongoCounter {
  SortedMap<String, Long> count(String database);

  /**
   * Opens now what the next count needs, where it needs a connection (the driver); may throw as
   * {@link #count} does. The shell has nothing to open: each count starts one.
   */
  default void connect() {}

  /**
   * Said before the database tool whose work the next count checks runs (mongodump, mongorestore):
   * may start, in the background, what that count needs. Never throws, never waits.
   */
  default void prepare() {}

  /**
   * How the counts are taken, for messages ("mongosh 1.8.2 (/app/bin/mongodb/bin/mongosh) in
   * pryvio_mongodb").
   */
  String description();

  /** The MongoDB shell that counted, once a count was made through one; empty for the driver. */
  default Optional<MongoShell> shell() {
    return Optional.empty();
  }
}
