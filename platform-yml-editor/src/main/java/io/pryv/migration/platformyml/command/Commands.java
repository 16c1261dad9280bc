package io.pryv.migration.platformyml.command;

import io.pryv.migration.common.FileErrors;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.cores.CoreEntry;
import io.pryv.migration.platformyml.cores.HostingsAndCores;
import io.pryv.migration.platformyml.edit.ScalarEditor;
import io.pryv.migration.platformyml.path.PathResolver;
import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Runs one parsed request against the file system; prints to the given stream; returns the exit
 * code.
 */
public final class Commands {
  private final PrintStream out;

  public Commands(PrintStream out) {
    this.out = out;
  }

  public int run(Request request) throws IOException {
    if (request instanceof Request.Get get) {
      return get(get);
    }
    if (request instanceof Request.Set set) {
      return new FileEdit(out)
          .apply(
              set.file(), read(set.file()), set.path(), set.value(), set.write(), set.json(), null);
    }
    if (request instanceof Request.ListCores list) {
      return listCores(list);
    }
    return setCoreIp((Request.SetCoreIp) request);
  }

  private int get(Request.Get request) throws IOException {
    YamlText source = read(request.file());
    Node root = YamlLoader.compose(source);
    List<Node> chain = PathResolver.resolve(source.name(), root, request.path());
    ScalarNode scalar =
        ScalarEditor.requireScalar(source.name(), request.path(), chain.get(chain.size() - 1));
    if (request.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("file", source.name());
      report.put("path", request.path().toString());
      report.put("line", PathResolver.line(scalar));
      report.put("value", scalar.getValue());
      report.put("tag", scalar.getTag().getValue());
      JsonOutput.write(report, out);
    } else {
      out.println(scalar.getValue());
    }
    return 0;
  }

  private int listCores(Request.ListCores request) throws IOException {
    YamlText source = read(request.file());
    HostingsAndCores.Cores cores = HostingsAndCores.find(source.name(), YamlLoader.compose(source));
    if (request.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("file", source.name());
      report.put("layout", cores.layout().name().toLowerCase(java.util.Locale.ROOT));
      report.put("hostingsPath", cores.layout().hostingsPath().toString());
      report.put("cores", cores.entries());
      JsonOutput.write(report, out);
    } else {
      out.print(CoreTable.render(cores.entries()));
    }
    return 0;
  }

  private int setCoreIp(Request.SetCoreIp request) throws IOException {
    YamlText source = read(request.file());
    Node root = YamlLoader.compose(source);
    HostingsAndCores.Cores cores = HostingsAndCores.find(source.name(), root);
    CoreEntry entry =
        HostingsAndCores.select(
            source.name(), cores, request.core(), request.hosting().orElse(null));
    return new FileEdit(out)
        .apply(
            request.file(),
            source,
            root,
            entry.ipPath(),
            request.ip(),
            request.write(),
            request.json(),
            entry.hosting() + "/" + entry.core());
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
