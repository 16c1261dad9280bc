package io.pryv.migration.platformyml.command;

import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.UnifiedDiff;
import io.pryv.migration.platformyml.edit.ScalarEditor;
import io.pryv.migration.platformyml.path.YamlPath;
import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Applies one scalar edit to a file: the editor proves the new bytes, then {@code --dry-run} writes
 * nothing (the report holds the diff), a no-op writes nothing, and a change goes through {@link
 * SafeFileWriter} (backup, refuse if the file changed on disk since it was read, atomic rename) and
 * is read back before success is reported.
 */
final class FileEdit {
  private FileEdit() {}

  /**
   * @param label "hosting/core" for set-core-ip, null for set
   */
  static EditReport apply(
      Path file, YamlText source, YamlPath path, String value, WriteOptions write, String label)
      throws IOException {
    return apply(file, source, YamlLoader.compose(source), path, value, write, label);
  }

  static EditReport apply(
      Path file,
      YamlText source,
      Node root,
      YamlPath path,
      String value,
      WriteOptions write,
      String label)
      throws IOException {
    ScalarEditor.Result result =
        ScalarEditor.edit(
            source,
            root,
            new ScalarEditor.Request(path, value, write.expect(), write.followAlias()));
    boolean changed = result.changed();
    String diff =
        changed
            ? UnifiedDiff.diff(
                file + " (before)", file + " (after)", text(result.before()), text(result.after()))
            : "";
    Optional<Path> backup = Optional.empty();
    boolean written = false;
    if (changed && !write.dryRun()) {
      SafeFileWriter.Result outcome =
          SafeFileWriter.replace(file, result.before(), result.after(), write.backup());
      written = outcome.written();
      backup = outcome.backup();
      if (!Arrays.equals(Files.readAllBytes(file), result.after())) {
        throw ToolException.environment(
            file
                + " does not hold what was just written (another writer?); check it"
                + backup.map(b -> ", the previous content is in " + b).orElse(""));
      }
    }
    return new EditReport(
        file.toString(),
        label,
        result.path().toString(),
        result.line(),
        result.oldValue(),
        result.newValue(),
        changed,
        write.dryRun(),
        written,
        backup.map(Path::toString).orElse(null),
        diff);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
