package io.pryv.migration.platformyml.command;

import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.cores.CoreEntry;
import io.pryv.migration.platformyml.cores.HostingsAndCores;
import io.pryv.migration.platformyml.edit.ScalarEditor;
import io.pryv.migration.platformyml.path.PathResolver;
import io.pryv.migration.platformyml.path.YamlPath;
import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The four verbs against the file system, one method each, each returning its report; printing is
 * the cli's job.
 */
public final class Commands {
  private Commands() {}

  public static GetReport get(Path file, YamlPath path) throws IOException {
    YamlText source = read(file);
    Node root = YamlLoader.compose(source);
    List<Node> chain = PathResolver.resolve(source.name(), root, path);
    ScalarNode scalar =
        ScalarEditor.requireScalar(source.name(), path, chain.get(chain.size() - 1));
    return new GetReport(
        source.name(),
        path.toString(),
        PathResolver.line(scalar),
        scalar.getValue(),
        scalar.getTag().getValue());
  }

  public static EditReport set(Path file, YamlPath path, String value, WriteOptions write)
      throws IOException {
    return FileEdit.apply(file, read(file), path, value, write, null);
  }

  public static CoresReport listCores(Path file) throws IOException {
    YamlText source = read(file);
    HostingsAndCores.Cores cores = HostingsAndCores.find(source.name(), YamlLoader.compose(source));
    return new CoresReport(
        source.name(),
        cores.layout().name().toLowerCase(Locale.ROOT),
        cores.layout().hostingsPath().toString(),
        cores.entries());
  }

  /** The hosting is found from the core name, unless given. */
  public static EditReport setCoreIp(
      Path file, String core, Optional<String> hosting, String ip, WriteOptions write)
      throws IOException {
    YamlText source = read(file);
    Node root = YamlLoader.compose(source);
    HostingsAndCores.Cores cores = HostingsAndCores.find(source.name(), root);
    CoreEntry entry = HostingsAndCores.select(source.name(), cores, core, hosting.orElse(null));
    return FileEdit.apply(
        file, source, root, entry.ipPath(), ip, write, entry.hosting() + "/" + entry.core());
  }

  static YamlText read(Path file) throws IOException {
    FileErrors.requireReadableFile(file);
    if (Files.size(file) > YamlText.MAX_BYTES) {
      throw ToolException.badInput(
          file
              + ": "
              + Files.size(file)
              + " bytes is larger than the "
              + YamlText.MAX_BYTES
              + " bytes this tool accepts for a YAML file");
    }
    return YamlText.of(file.toString(), FileErrors.readFile(file));
  }
}
