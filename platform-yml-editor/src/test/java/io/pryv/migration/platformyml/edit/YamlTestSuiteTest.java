package io.pryv.migration.platformyml.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.path.YamlPath;
import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The YAML test suite (data-2022-01-17, copied to src/test/resources/yaml-test-suite): for every
 * valid case whose single document is a mapping, each top-level scalar value set to itself leaves
 * the bytes identical, and set to new values changes only bytes inside that scalar's span and only
 * that scalar in the re-parsed event stream (checked here independently of the editor's own tree
 * comparison). Invalid cases are refused.
 */
class YamlTestSuiteTest {
  private static final List<String> NEW_VALUES =
      List.of(
          "edited",
          "two words",
          "x: y # z",
          "multi\nline",
          "",
          "123",
          "it's \"q\"",
          "trailing\n",
          " lead",
          "é ü 😀",
          "- dash",
          "[flow]");

  /**
   * Invalid cases (they have an `error` file) that snakeyaml-engine nevertheless loads. The tool
   * cannot refuse what its parser accepts; this list pins the gap so that any change in it is
   * noticed.
   */
  private static final Set<String> INVALID_BUT_LOADED =
      Set.of("9C9N", "9JBA", "CVW2", "DK95/01", "QB6E", "SU5Z", "Y79Y/003");

  private static final String SEVERAL_DOCUMENTS =
      "several documents: the tool edits one (js-yaml's load() refuses them too)";
  private static final String NO_DOCUMENT =
      "no document, only comments or markers: nothing to edit";
  private static final String EMPTY_KEY = "a block mapping key left empty (': a', '? : x')";
  private static final String FLOW_KEY =
      "a flow mapping key the parser does not take: empty (': x', '[ : x ]'),"
          + " ':' right after a JSON-like key, or a key over several lines";
  private static final String TAB =
      "a tab before a top-level flow collection or at the start of a plain"
          + " scalar's continuation line";
  private static final String ZERO_INDENTED_BLOCK =
      "a block scalar whose lines start at column 0 ('--- >')";

  /**
   * The valid cases of the suite (YAML 1.2, what js-yaml reads) that the tool refuses, each with
   * its reason: the gaps of snakeyaml-engine's parser (none occurs in a Pryv platform.yml) and what
   * the tool does not edit. Switching from SnakeYAML (YAML 1.1) took tabs as separation space,
   * escaped line breaks in double quotes, '%' directives of 1.2 and anchors with ':' off the old
   * list of 74.
   */
  static final Map<String, String> VALID_BUT_REFUSED =
      Map.ofEntries(
          Map.entry("35KP", SEVERAL_DOCUMENTS),
          Map.entry("5TYM", SEVERAL_DOCUMENTS),
          Map.entry("6WLZ", SEVERAL_DOCUMENTS),
          Map.entry("6XDY", SEVERAL_DOCUMENTS),
          Map.entry("6ZKB", SEVERAL_DOCUMENTS),
          Map.entry("7Z25", SEVERAL_DOCUMENTS),
          Map.entry("9DXL", SEVERAL_DOCUMENTS),
          Map.entry("9KAX", SEVERAL_DOCUMENTS),
          Map.entry("9WXW", SEVERAL_DOCUMENTS),
          Map.entry("JHB9", SEVERAL_DOCUMENTS),
          Map.entry("KSS4", SEVERAL_DOCUMENTS),
          Map.entry("L383", SEVERAL_DOCUMENTS),
          Map.entry("M7A3", SEVERAL_DOCUMENTS),
          Map.entry("PUW8", SEVERAL_DOCUMENTS),
          Map.entry("RZT7", SEVERAL_DOCUMENTS),
          Map.entry("U9NS", SEVERAL_DOCUMENTS),
          Map.entry("8G76", NO_DOCUMENT),
          Map.entry("98YD", NO_DOCUMENT),
          Map.entry("AVM7", NO_DOCUMENT),
          Map.entry("HWV9", NO_DOCUMENT),
          Map.entry("QT73", NO_DOCUMENT),
          Map.entry("2JQS", EMPTY_KEY),
          Map.entry("6M2F", EMPTY_KEY),
          Map.entry("M2N8/00", EMPTY_KEY),
          Map.entry("NHX8", EMPTY_KEY),
          Map.entry("NKF9", EMPTY_KEY),
          Map.entry("S3PD", EMPTY_KEY),
          Map.entry("SM9W/01", EMPTY_KEY),
          Map.entry("UKK6/00", EMPTY_KEY),
          Map.entry("4MUZ/00", FLOW_KEY),
          Map.entry("4MUZ/01", FLOW_KEY),
          Map.entry("4MUZ/02", FLOW_KEY),
          Map.entry("58MP", FLOW_KEY),
          Map.entry("5MUD", FLOW_KEY),
          Map.entry("5T43", FLOW_KEY),
          Map.entry("9SA2", FLOW_KEY),
          Map.entry("CFD4", FLOW_KEY),
          Map.entry("DBG4", FLOW_KEY),
          Map.entry("FRK4", FLOW_KEY),
          Map.entry("HM87/00", FLOW_KEY),
          Map.entry("K3WX", FLOW_KEY),
          Map.entry("NJ66", FLOW_KEY),
          Map.entry("UT92", FLOW_KEY),
          Map.entry("VJP3/01", FLOW_KEY),
          Map.entry("6CA3", TAB),
          Map.entry("HS5T", TAB),
          Map.entry("NB6Z", TAB),
          Map.entry("Q5MG", TAB),
          Map.entry("UV7Q", TAB),
          Map.entry("DK3J", ZERO_INDENTED_BLOCK),
          Map.entry("FP8R", ZERO_INDENTED_BLOCK),
          Map.entry(
              "W4TN", "a '%' line after '...' read as a directive with a name that is not a word"),
          Map.entry("W5VH", "an anchor name holding '*'"),
          Map.entry("WZ62", "an empty tagged value ('!!str,') in a flow mapping"));

  private static Path suite() throws URISyntaxException {
    return Path.of(YamlTestSuiteTest.class.getResource("/yaml-test-suite").toURI());
  }

  private static List<Path> cases() throws Exception {
    try (Stream<Path> files = Files.walk(suite())) {
      return files
          .filter(p -> p.getFileName().toString().equals("in.yaml"))
          .map(Path::getParent)
          .sorted()
          .toList();
    }
  }

  private static String id(Path caseDir) throws URISyntaxException {
    return suite().relativize(caseDir).toString();
  }

  @Test
  void invalidCasesAreRefusedNeverFixed() throws Exception {
    Set<String> loaded = new TreeSet<>();
    int invalid = 0;
    for (Path dir : cases()) {
      if (!Files.exists(dir.resolve("error"))) {
        continue;
      }
      invalid++;
      YamlText source = YamlText.of(id(dir), Files.readAllBytes(dir.resolve("in.yaml")));
      try {
        YamlLoader.compose(source);
        loaded.add(id(dir));
      } catch (ToolException e) {
        assertEquals(ExitCode.BAD_INPUT, e.exitCode(), id(dir));
        assertTrue(e.getMessage().startsWith(id(dir)), e.getMessage());
      }
    }
    assertEquals(94, invalid);
    assertEquals(
        INVALID_BUT_LOADED,
        loaded,
        "invalid cases snakeyaml-engine loads (refused: " + (invalid - loaded.size()) + ")");
  }

  @Test
  void topLevelScalarsEditInPlaceOnly() throws Exception {
    int mappings = 0;
    int edits = 0;
    List<String> failures = new ArrayList<>();
    Map<String, String> refusedValid = new java.util.TreeMap<>();
    Set<String> valueless = new TreeSet<>();
    for (Path dir : cases()) {
      if (Files.exists(dir.resolve("error"))) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(dir.resolve("in.yaml"));
      YamlText source = YamlText.of(id(dir), bytes);
      Node root;
      try {
        root = YamlLoader.compose(source);
      } catch (ToolException e) {
        refusedValid.put(id(dir), e.getMessage());
        continue;
      }
      if (!(root instanceof MappingNode mapping)) {
        continue;
      }
      mappings++;
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)
            || !(tuple.getValueNode() instanceof ScalarNode value)
            || countKey(mapping, key.getValue()) != 1) {
          continue;
        }
        YamlPath path = YamlPath.of(key.getValue());
        ScalarEditor.Result same =
            Edits.edit(
                source, new ScalarEditor.Request(path, value.getValue(), Optional.empty(), true));
        assertArrayEquals(bytes, same.after(), id(dir) + " " + path + " set to itself");
        if (isValueless(source, value)) {
          valueless.add(id(dir) + " " + path);
          assertRefusedAsValueless(source, path);
          continue;
        }
        for (String newValue : NEW_VALUES) {
          if (newValue.equals(value.getValue())) {
            continue;
          }
          edits++;
          String label = id(dir) + " " + path + " := " + newValue.replace("\n", "\\n");
          try {
            ScalarEditor.Result result =
                Edits.edit(
                    source, new ScalarEditor.Request(path, newValue, Optional.empty(), true));
            checkOnlySpanChanged(source, value, result.after(), label);
            checkOnlyOneScalarEventChanged(
                source.text(), result.after(), value.getValue(), newValue, label);
          } catch (ToolException | AssertionError e) {
            failures.add(label + ": " + e.getMessage());
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + edits + " edits failed:\n" + String.join("\n", failures));
    }
    assertEquals(119, mappings, "valid single-document mapping cases");
    assertEquals(2044, edits, "edits proved");
    assertEquals(
        new TreeSet<>(VALID_BUT_REFUSED.keySet()),
        refusedValid.keySet(),
        "valid cases refused (each listed with its reason): " + refusedValid);
    System.out.println(
        "yaml-test-suite: "
            + mappings
            + " valid single-document mappings, "
            + edits
            + " edits proved; keys without a written value (refused): "
            + valueless
            + "; valid cases SnakeYAML"
            + " refuses: "
            + refusedValid.size());
  }

  /**
   * `? key` with no `:` or a flow `{key,}`: there is no place for a value in the text, the editor
   * refuses.
   */
  private static boolean isValueless(YamlText source, ScalarNode value) {
    int start = source.charIndex(value.getStartMark().orElseThrow().getIndex());
    if (start != source.charIndex(value.getEndMark().orElseThrow().getIndex())) {
      return false;
    }
    String before = source.text().substring(0, start).stripTrailing();
    return !before.endsWith(":") && !before.endsWith("-");
  }

  private static void assertRefusedAsValueless(YamlText source, YamlPath path) {
    ToolException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ToolException.class,
            () -> Edits.edit(source, new ScalarEditor.Request(path, "v", Optional.empty(), true)));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("no value written"), e.getMessage());
  }

  private static long countKey(MappingNode mapping, String key) {
    return mapping.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
        .count();
  }

  /** Every byte outside the scalar's own span (properties included) is the same. */
  private static void checkOnlySpanChanged(
      YamlText source, ScalarNode node, byte[] after, String label) {
    byte[] before = source.bytes();
    int spanStart = source.byteOffset(node.getStartMark().orElseThrow().getIndex());
    int spanEnd = source.byteOffset(node.getEndMark().orElseThrow().getIndex());
    int prefix = 0;
    while (prefix < before.length && prefix < after.length && before[prefix] == after[prefix]) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < before.length - prefix
        && suffix < after.length - prefix
        && before[before.length - 1 - suffix] == after[after.length - 1 - suffix]) {
      suffix++;
    }
    int changedStart = prefix;
    int changedEnd = before.length - suffix;
    assertTrue(
        changedStart >= spanStart && changedEnd <= spanEnd,
        label
            + ": bytes ["
            + changedStart
            + ","
            + changedEnd
            + ") changed outside the scalar span ["
            + spanStart
            + ","
            + spanEnd
            + ")");
  }

  /** The parser's event streams are equal except for the one scalar's value (and its quoting). */
  private static void checkOnlyOneScalarEventChanged(
      String oldText, byte[] after, String oldValue, String newValue, String label) {
    List<Event> a = events(oldText);
    List<Event> b = events(new String(after, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(a.size(), b.size(), label + ": event count");
    int changed = 0;
    for (int i = 0; i < a.size(); i++) {
      Event ea = a.get(i);
      Event eb = b.get(i);
      assertEquals(ea.getEventId(), eb.getEventId(), label + ": event " + i);
      if (ea instanceof NodeEvent na) {
        assertEquals(
            na.getAnchor(), ((NodeEvent) eb).getAnchor(), label + ": anchor of event " + i);
      }
      if (ea instanceof CollectionStartEvent ca) {
        assertEquals(
            ca.getTag(), ((CollectionStartEvent) eb).getTag(), label + ": tag of event " + i);
      }
      if (ea instanceof ScalarEvent sa) {
        ScalarEvent sb = (ScalarEvent) eb;
        assertEquals(sa.getTag(), sb.getTag(), label + ": tag of event " + i);
        if (!sa.getValue().equals(sb.getValue())) {
          changed++;
          assertEquals(oldValue, sa.getValue(), label + ": the changed scalar");
          assertEquals(newValue, sb.getValue(), label + ": the new value");
        }
      } else if (ea instanceof AliasEvent) {
        assertEquals(((AliasEvent) ea).getAnchor(), ((AliasEvent) eb).getAnchor(), label);
      }
    }
    assertEquals(1, changed, label + ": changed scalars");
  }

  private static List<Event> events(String text) {
    List<Event> events = new ArrayList<>();
    new Parse(LoadSettings.builder().build()).parseString(text).forEach(events::add);
    return events;
  }
}
