package io.pryv.migration.dockerops.layout;

/**
 * Where the database commands run: inside the Pryv containers through {@code docker exec}, or
 * directly.
 */
public enum ExecMode {
  /** {@code docker exec CONTAINER TOOL ...}: the Pryv.io docker-compose install. */
  DOCKER,
  /**
   * {@code TOOL ...} on the machine itself: non-container installs, and tests against a real
   * influxd.
   */
  LOCAL
}
