package io.pryv.migration.platformyml.cores;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.path.PathResolver;
import io.pryv.migration.platformyml.path.YamlPath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Finds {@code HOSTINGS_AND_CORES} in every layout Pryv has shipped and lists its cores: current
 * {@code vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value}, transitional
 * {@code vars.MACHINES_AND_PLATFORM_SETTINGS.HOSTINGS_AND_CORES.value} (no {@code settings:}), and
 * the flat {@code vars.HOSTINGS_AND_CORES}; the admin panel's re-dump has the current layout.
 */
public final class HostingsAndCores {
  static final String KEY = "HOSTINGS_AND_CORES";

  /** A known layout and where its hostings mapping lives. */
  public enum Layout {
    CURRENT(
        "current (settings/value)",
        YamlPath.of("vars", "MACHINES_AND_PLATFORM_SETTINGS", "settings", KEY, "value")),
    TRANSITIONAL(
        "transitional (value, no settings:)",
        YamlPath.of("vars", "MACHINES_AND_PLATFORM_SETTINGS", KEY, "value")),
    FLAT("flat (vars.HOSTINGS_AND_CORES)", YamlPath.of("vars", KEY));

    private final String label;
    private final YamlPath hostingsPath;

    Layout(String label, YamlPath hostingsPath) {
      this.label = label;
      this.hostingsPath = hostingsPath;
    }

    public String label() {
      return label;
    }

    public YamlPath hostingsPath() {
      return hostingsPath;
    }
  }

  /** The layout found and the cores in file order. */
  public record Cores(Layout layout, List<CoreEntry> entries) {}

  private HostingsAndCores() {}

  public static Cores find(String fileName, Node root) {
    List<Layout> found = new ArrayList<>();
    for (Layout layout : Layout.values()) {
      if (resolve(root, layout.hostingsPath()) instanceof MappingNode) {
        found.add(layout);
      }
    }
    if (found.isEmpty()) {
      throw ToolException.badInput(
          fileName
              + ": no "
              + KEY
              + " mapping found; looked for "
              + List.of(Layout.values()).stream()
                  .map(l -> "'" + l.hostingsPath() + "'")
                  .collect(Collectors.joining(", "))
              + " (is this the register's platform.yml?)");
    }
    if (found.size() > 1) {
      throw ToolException.badInput(
          fileName
              + ": "
              + KEY
              + " is present in several layouts ("
              + found.stream()
                  .map(l -> "'" + l.hostingsPath() + "'")
                  .collect(Collectors.joining(", "))
              + "); fix the file by hand or use 'set' with an explicit path");
    }
    Layout layout = found.get(0);
    return new Cores(
        layout, entries(fileName, (MappingNode) resolve(root, layout.hostingsPath()), layout));
  }

  private static List<CoreEntry> entries(String fileName, MappingNode hostings, Layout layout) {
    List<CoreEntry> entries = new ArrayList<>();
    for (NodeTuple hosting : hostings.getValue()) {
      String hostingName = keyText(hosting);
      if (!(hosting.getValueNode() instanceof MappingNode cores)) {
        continue; // `hosting1:` with no cores yet: nothing to list
      }
      for (NodeTuple core : cores.getValue()) {
        String coreName = keyText(core);
        YamlPath ipPath = layout.hostingsPath().child(hostingName).child(coreName).child("ip");
        Node ip = PathResolver.lookup(core.getValueNode(), "ip");
        String ipText = ip instanceof ScalarNode scalar ? scalar.getValue() : null;
        int line = PathResolver.line(ip != null ? ip : core.getKeyNode());
        entries.add(new CoreEntry(hostingName, coreName, ipText, ipPath.toString(), line));
      }
    }
    return entries;
  }

  private static String keyText(NodeTuple tuple) {
    return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "<complex key>";
  }

  private static Node resolve(Node root, YamlPath path) {
    Node node = root;
    for (String segment : path.segments()) {
      node = PathResolver.lookup(node, segment);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /**
   * The one core named {@code core} (in {@code hosting} when given); missing or ambiguous names are
   * bad input.
   */
  public static CoreEntry select(String fileName, Cores cores, String core, String hosting) {
    List<CoreEntry> matches =
        cores.entries().stream()
            .filter(e -> e.core().equals(core) && (hosting == null || e.hosting().equals(hosting)))
            .toList();
    String existing =
        cores.entries().stream()
            .map(e -> e.hosting() + "/" + e.core())
            .collect(Collectors.joining(", "));
    if (hosting != null && cores.entries().stream().noneMatch(e -> e.hosting().equals(hosting))) {
      String hostingNames =
          cores.entries().stream()
              .map(CoreEntry::hosting)
              .distinct()
              .collect(Collectors.joining(", "));
      throw ToolException.badInput(
          fileName
              + ": no hosting '"
              + hosting
              + "' in "
              + cores.layout().hostingsPath()
              + "; hostings: "
              + (hostingNames.isEmpty() ? "(none)" : hostingNames));
    }
    if (matches.isEmpty()) {
      throw ToolException.badInput(
          fileName
              + ": no core '"
              + core
              + "'"
              + (hosting == null ? "" : " in hosting '" + hosting + "'")
              + "; cores (hosting/core): "
              + (existing.isEmpty() ? "(none)" : existing));
    }
    if (matches.size() > 1) {
      throw ToolException.badInput(
          fileName
              + ": core '"
              + core
              + "' is under "
              + matches.size()
              + " hostings ("
              + matches.stream().map(CoreEntry::hosting).collect(Collectors.joining(", "))
              + "); say which one with --hosting");
    }
    return matches.get(0); // a core without `ip:` is reported by the editor, with the keys it has
  }
}
