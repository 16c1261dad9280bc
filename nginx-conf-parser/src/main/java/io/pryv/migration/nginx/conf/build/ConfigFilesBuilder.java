package io.pryv.migration.nginx.conf.build;

import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.nginx.conf.compat.PythonText;
import io.pryv.migration.nginx.conf.json.PayloadJson.BuildInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * crossplane's {@code build_files}: each config of a payload built into its file, below a base
 * folder.
 */
public final class ConfigFilesBuilder {
  /** One file to write: where, and what. */
  public record BuiltFile(String path, String content) {}

  private ConfigFilesBuilder() {}

  /**
   * The files a payload builds to, without writing anything. Relative names are joined to {@code
   * baseDir} the way crossplane does ({@code os.path.join}); the content ends with exactly one
   * newline.
   */
  public static List<BuiltFile> render(
      List<BuildInput> configs, String baseDir, int indent, boolean tabs, boolean header) {
    List<BuiltFile> files = new ArrayList<>(configs.size());
    for (BuildInput config : configs) {
      String path =
          config.file().startsWith("/")
              ? config.file()
              : baseDir.endsWith("/") ? baseDir + config.file() : baseDir + "/" + config.file();
      String text =
          PythonText.rstrip(ConfigBuilder.build(config.parsed(), indent, tabs, header)) + "\n";
      files.add(new BuiltFile(path, text));
    }
    return files;
  }

  /** Writes each file atomically (temp file and rename), creating missing folders. */
  public static void write(List<BuiltFile> files) throws IOException {
    for (BuiltFile file : files) {
      Path path = Path.of(file.path());
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      SafeFileWriter.writeAtomically(path, file.content().getBytes(StandardCharsets.UTF_8));
    }
  }
}
