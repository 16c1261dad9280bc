package io.pryv.migration.standins.mongodb;

import java.util.List;

/**
 * The two generations of Pryv's {@code pryvio/mongodb} image (pryv/dev-release-packaging): what is
 * in {@code /app/bin/mongodb/bin/} and which versions the programs say they are.
 */
public enum Generation {
  /** MongoDB 3.6.23 tarball: mongod, the legacy {@code mongo} shell, mongodump/mongorestore 3.6. */
  V3_6(
      "3.6",
      "3.6.23",
      "mongo",
      "3.6.23",
      "r3.6.23",
      List.of("mongod", "mongo", "mongodump", "mongorestore")),
  /**
   * Since May 2023: mongod 6.0, {@code mongosh} 1.8.2 and the Database Tools 100.7.0; no {@code
   * mongo}.
   */
  V6_0(
      "6.0",
      "6.0.6",
      "mongosh",
      "1.8.2",
      "100.7.0",
      List.of("mongod", "mongosh", "mongodump", "mongorestore"));

  private final String label;
  private final String serverVersion;
  private final String shell;
  private final String shellVersion;
  private final String toolsVersion;
  private final List<String> programs;

  Generation(
      String label,
      String serverVersion,
      String shell,
      String shellVersion,
      String toolsVersion,
      List<String> programs) {
    this.label = label;
    this.serverVersion = serverVersion;
    this.shell = shell;
    this.shellVersion = shellVersion;
    this.toolsVersion = toolsVersion;
    this.programs = programs;
  }

  public static Generation of(String label) {
    for (Generation g : values()) {
      if (g.label.equals(label)) {
        return g;
      }
    }
    throw new IllegalArgumentException("unknown image generation '" + label + "' (3.6 or 6.0)");
  }

  public String label() {
    return label;
  }

  public String serverVersion() {
    return serverVersion;
  }

  /** The shell's program name: {@code mongo} or {@code mongosh}. */
  public String shell() {
    return shell;
  }

  public String shellVersion() {
    return shellVersion;
  }

  public String toolsVersion() {
    return toolsVersion;
  }

  /** The programs of {@code /app/bin/mongodb/bin/} that this stand-in plays. */
  public List<String> programs() {
    return programs;
  }

  /**
   * True for the Database Tools 100.x (versioned apart from the server, canonical Extended JSON
   * metadata).
   */
  public boolean databaseTools100() {
    return this == V6_0;
  }
}
