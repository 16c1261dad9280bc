package io.pryv.migration.dockerops.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The verbs of docker-ops, as typed on the command line. */
public enum DockerOpsVerb {
  STATUS,
  STOP,
  START,
  RESTART,
  MONGO_DUMP,
  MONGO_RESTORE,
  MONGO_CHECK,
  INFLUX_BACKUP,
  INFLUX_RESTORE,
  ENSURE_PERMISSIONS;

  /** {@code mongo-dump} for MONGO_DUMP. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Verbs that act on containers and take container names. */
  public boolean onContainers() {
    return this == STATUS || this == STOP || this == START || this == RESTART;
  }

  public static Optional<DockerOpsVerb> named(String word) {
    return Arrays.stream(values()).filter(v -> v.word().equals(word)).findFirst();
  }

  public static List<String> words() {
    return Arrays.stream(values()).map(DockerOpsVerb::word).toList();
  }
}
