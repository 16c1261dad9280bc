package io.pryv.migration.platformyml.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The verbs of platform-yml-editor, as typed on the command line. */
enum PlatformYmlEditorVerb {
  GET,
  SET,
  LIST_CORES,
  SET_CORE_IP;

  /** {@code set-core-ip} for SET_CORE_IP. */
  String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<PlatformYmlEditorVerb> named(String word) {
    return Arrays.stream(values()).filter(v -> v.word().equals(word)).findFirst();
  }
}
