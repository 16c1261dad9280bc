package io.pryv.migration.dockerops.mongo;

/**
 * The MongoDB shell found beside the tools: {@code mongosh} in Pryv's images since May 2023
 * (MongoDB 6.0), the legacy {@code mongo} before; its path and the version its {@code version()}
 * returned in the count script.
 */
public record MongoShell(String name, String path, String version) {

  /** "mongosh 1.8.2 (/app/bin/mongodb/bin/mongosh)". */
  public String describe() {
    return name + " " + version + " (" + path + ")";
  }
}
