package io.pryv.migration.dockerops.mongo;

import java.util.SortedMap;

/** Counts the documents per collection in the live database (system collections excluded, like mongodump). */
public interface LiveMongoCounter {
  SortedMap<String, Long> count(String database);

  /** How the counts are taken, for messages ("mongo shell in pryvio_mongodb", "mongodb://..."). */
  String description();
}
