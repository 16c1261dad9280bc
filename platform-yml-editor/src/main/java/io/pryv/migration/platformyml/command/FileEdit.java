package io.pryv.migration.platformyml.command;

import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.UnifiedDiff;
import io.pryv.migration.platformyml.edit.ScalarEditor;
import io.pryv.migration.platformyml.path.YamlPath;
import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Applies one scalar edit to a file: the editor proves the new bytes, then {@code --dry-run} prints
 * the diff, a no-op writes nothing, and a change goes through {@link SafeFileWriter} (backup,
 * refuse if the file changed on disk since it was read, atomic rename) and is read back before
 * success is reported.
 */
final class FileEdit {
  private final PrintStream out;

  FileEdit(PrintStream out) {
    this.out = out;
  }

  int apply(
      Path file,
      YamlText source,
      YamlPath path,
      String value,
      Request.WriteOptions write,
      boolean json,
      String label)
      throws IOException {
    return apply(file, source, YamlLoader.compose(source), path, value, write, json, label);
  }

  int apply(
      Path file,
      YamlText source,
      Node root,
      YamlPath path,
      String value,
      Request.WriteOptions write,
      boolean json,
      String label)
      throws IOException {
    ScalarEditor.Result result =
        ScalarEditor.edit(
            source,
            root,
            new ScalarEditor.Request(path, value, write.expect(), write.followAlias()));
    boolean changed = result.changed();
    String diff =
        changed && (write.dryRun() || json)
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
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("file", file.toString());
      if (label != null) {
        report.put("core", label);
      }
      report.put("path", result.path().toString());
      report.put("line", result.line());
      report.put("old", result.oldValue());
      report.put("new", result.newValue());
      report.put("changed", changed);
      report.put("dryRun", write.dryRun());
      report.put("written", written);
      report.put("backup", backup.map(Path::toString).orElse(null));
      report.put("diff", diff);
      JsonOutput.write(report, out);
      return 0;
    }
    String subject =
        file
            + ": "
            + (label == null ? "" : label + " ")
            + "'"
            + result.path()
            + "' (line "
            + result.line()
            + ")";
    if (!changed) {
      out.println(
          subject + " is already '" + result.oldValue() + "'; nothing to change, file not written");
      return 0;
    }
    if (write.dryRun()) {
      out.print(diff);
      out.println(
          "dry run: "
              + subject
              + " would change from '"
              + result.oldValue()
              + "' to '"
              + result.newValue()
              + "'; nothing written");
      return 0;
    }
    out.println(
        subject
            + ": '"
            + result.oldValue()
            + "' -> '"
            + result.newValue()
            + "'; written"
            + backup.map(b -> ", previous content in " + b).orElse(""));
    return 0;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
