package io.pryv.migration.platformyml.cli;

import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.platformyml.command.WriteOptions;
import io.pryv.migration.platformyml.path.YamlPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the command line says, validated. {@code help}/{@code version} short-circuit the rest;
 * the help is the verb's own page when {@code verb} is set, else the overview. Fields a verb does
 * not take are null (or empty).
 *
 * @param path get and set: the dotted path of the scalar
 * @param value set: the new value
 * @param core set-core-ip: the core's name
 * @param hosting set-core-ip: the hosting, when the core's name is under several
 * @param ip set-core-ip: the new address, validated
 * @param write set and set-core-ip: how to write
 * @param warnings deprecation lines of old spellings
 */
record PlatformYmlEditorOptions(
    boolean help,
    boolean version,
    PlatformYmlEditorVerb verb,
    Path file,
    YamlPath path,
    String value,
    String core,
    Optional<String> hosting,
    String ip,
    WriteOptions write,
    boolean json,
    List<String> warnings)
    implements ToolRoot.Parsed {

  static PlatformYmlEditorOptions help(PlatformYmlEditorVerb verb) {
    return new PlatformYmlEditorOptions(
        true, false, verb, null, null, null, null, Optional.empty(), null, null, false, List.of());
  }

  static PlatformYmlEditorOptions versionOnly(List<String> warnings) {
    return new PlatformYmlEditorOptions(
        false,
        true,
        null,
        null,
        null,
        null,
        null,
        Optional.empty(),
        null,
        null,
        false,
        List.copyOf(warnings));
  }
}
