package io.pryv.migration.platformyml.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The verbs of platform-yml-editor, as typed on the command line. */
enum PlatformYmlEditorVerb {
  GET(2, "get FILE PATH"),
  SET(3, "set FILE PATH VALUE"),
  LIST_CORES(1, "list-cores FILE"),
  SET_CORE_IP(1, "set-core-ip FILE --core NAME --ip ADDRESS");

  private final int arguments;
  private final String usage;

  PlatformYmlEditorVerb(int arguments, String usage) {
    this.arguments = arguments;
    this.usage = usage;
  }

  /** How many arguments it takes besides its options: FILE, then PATH, then VALUE. */
  int arguments() {
    return arguments;
  }

  /** Its command line in a usage error. */
  String usage() {
    return usage;
  }

  /** set and set-core-ip write the file. */
  boolean writes() {
    return this == SET || this == SET_CORE_IP;
  }

  /** {@code set-core-ip} for SET_CORE_IP. */
  String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<PlatformYmlEditorVerb> named(String word) {
    return Arrays.stream(values()).filter(v -> v.word().equals(word)).findFirst();
  }
}
