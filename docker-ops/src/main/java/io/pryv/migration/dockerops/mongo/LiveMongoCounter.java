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
   * How the counts are taken, for messages ("mongosh 1.8.2 (/app/bin/mongodb/bin/mongosh) in
   * pryvio_mongodb").
   */
  String description();

  /** The MongoDB shell that counted, once a count was made through one; empty for the driver. */
  default Optional<MongoShell> shell() {
    return Optional.empty();
  }
}
