package io.pryv.migration.platformyml.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.path.YamlPath;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalarEditorTest {

  private static String set(String yaml, String path, String value) {
    return set(yaml, path, value, false);
  }

  private static String set(String yaml, String path, String value, boolean followAlias) {
    ScalarEditor.Result result =
        Edits.edit(
            YamlText.of("t.yml", yaml.getBytes(StandardCharsets.UTF_8)),
            new ScalarEditor.Request(YamlPath.parse(path), value, Optional.empty(), followAlias));
    return new String(result.after(), StandardCharsets.UTF_8);
  }

  private static ToolException refused(String yaml, String path, String value) {
    return assertThrows(ToolException.class, () -> set(yaml, path, value));
  }

  @Test
  void plainStaysPlainAndEverythingElseStays() {
    String yaml = "# head\na:\n  ip: REPLACE_ME   # the core\n\n  other: x\n";
    assertEquals(
        "# head\na:\n  ip: 10.0.0.5   # the core\n\n  other: x\n", set(yaml, "a.ip", "10.0.0.5"));
    assertEquals(
        "# head\na:\n  ip: 2001:db8::5   # the core\n\n  other: x\n",
        set(yaml, "a.ip", "2001:db8::5"));
  }

  @Test
  void plainIsQuotedWhenTheValueWouldReadBackAsAnotherTypeOrBreakTheSyntax() {
    assertEquals("a: '1234'\n", set("a: REPLACE_ME\n", "a", "1234"));
    assertEquals("a: 'true'\n", set("a: text\n", "a", "true"));
    assertEquals("port: 8080\n", set("port: 80\n", "port", "8080"));
    assertEquals("a: 'x: y # z'\n", set("a: b\n", "a", "x: y # z"));
    assertEquals("a: \"two\\nlines\"\n", set("a: b\n", "a", "two\nlines"));
    assertEquals("a: ''\n", set("a: b\n", "a", ""));
    assertEquals("a: [x, 'y,z']\n", set("a: [x, y]\n", "a.1", "y,z"));
  }

  @Test
  void quotedStylesAreKept() {
    assertEquals("a: 'it''s'\n", set("a: 'b'\n", "a", "it's"));
    assertEquals("a: \"say \\\"hi\\\" \\\\ \\t\"\n", set("a: \"b\"\n", "a", "say \"hi\" \\ \t"));
    assertEquals("a: \"é😀\\x01\"\n", set("a: \"b\"\n", "a", "é😀\u0001"));
    // a multi-line double-quoted scalar is replaced whole
    assertEquals("a: \"new\"\nb: 1\n", set("a: \"one\n  two\"\nb: 1\n", "a", "new"));
  }

  @Test
  void blockScalarsKeepIndicatorIndentationAndTrailingBlankLines() {
    String yaml = "a: |\n    one\n    two\n\n# after\nb: >-\n  folded text\nc: 1\n";
    assertEquals("a: |-\n    new\n\n# after\nb: >-\n  folded text\nc: 1\n", set(yaml, "a", "new"));
    assertEquals(
        "a: |\n    x\n    y\n\n# after\nb: >-\n  folded text\nc: 1\n", set(yaml, "a", "x\ny\n"));
    assertEquals(
        "a: |\n    one\n    two\n\n# after\nb: >-\n  other words\nc: 1\n",
        set(yaml, "b", "other words"));
  }

  @Test
  void emptyValuesAreFilledAfterTheirColon() {
    assertEquals("ip: 10.0.0.5\nb: 1\n", set("ip:\nb: 1\n", "ip", "10.0.0.5"));
    assertEquals("ip: 10.0.0.5   # later\n", set("ip:   # later\n", "ip", "10.0.0.5"));
    assertEquals("l:\n- a\n- b\n", set("l:\n- a\n-\n", "l.1", "b"));
    ToolException e = refused("? a\n? b\n", "a", "x");
    assertTrue(e.getMessage().contains("has no value written"), e.getMessage());
  }

  @Test
  void aNoOpIsByteIdentical() {
    String yaml = "\uFEFFa:   \"x\"  # c\r\nb: 'y'\r\n";
    ScalarEditor.Result result =
        Edits.edit(
            YamlText.of("t", yaml.getBytes(StandardCharsets.UTF_8)),
            new ScalarEditor.Request(YamlPath.parse("a"), "x", Optional.empty(), false));
    assertFalse(result.changed());
    assertArrayEquals(yaml.getBytes(StandardCharsets.UTF_8), result.after());
  }

  @Test
  void offsetsCountCodePointsNotBytes() {
    String yaml = "\uFEFFname: \"é😀 – ünïcode\"\r\nip: x\r\nz: \"😀\"\r\n";
    assertEquals(
        "\uFEFFname: \"é😀 – ünïcode\"\r\nip: 10.0.0.5\r\nz: \"😀\"\r\n",
        set(yaml, "ip", "10.0.0.5"));
    assertEquals("\uFEFFname: \"é😀 – ünïcode\"\r\nip: x\r\nz: \"ok\"\r\n", set(yaml, "z", "ok"));
  }

  @Test
  void aliasesAndAnchorsNeedFollowAlias() {
    String yaml = "base: &ip 10.0.0.1\ncore: *ip\nother: 2\n";
    ToolException viaAlias = refused(yaml, "core", "10.0.0.5");
    assertEquals(ExitCode.BAD_INPUT, viaAlias.exitCode());
    assertTrue(
        viaAlias.getMessage().contains("is shared through an anchor/alias (2 places would change)"),
        viaAlias.getMessage());
    assertTrue(viaAlias.getMessage().contains("--follow-alias"), viaAlias.getMessage());
    ToolException anchored = refused(yaml, "base", "10.0.0.5");
    assertTrue(anchored.getMessage().contains("anchor"), anchored.getMessage());
    assertEquals("base: &ip 10.0.0.5\ncore: *ip\nother: 2\n", set(yaml, "core", "10.0.0.5", true));

    String shared = "defaults: &d\n  ip: 1.1.1.1\nh1: *d\n";
    ToolException parent = refused(shared, "h1.ip", "10.0.0.5");
    assertTrue(parent.getMessage().contains("shared through an anchor/alias"), parent.getMessage());
    // an anchor nobody refers to is still refused without the flag: its purpose is to be shared
    assertTrue(refused("a: &x 1\n", "a", "2").getMessage().contains("carries the anchor &x"));
  }

  @Test
  void pathNotFoundSaysWhichPartAndWhatExists() {
    ToolException e = refused("vars:\n  A: 1\n  B:\n    c: 2\n", "vars.B.d.e", "x");
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertEquals(
        "t.yml: path 'vars.B.d.e' not found: no key 'd' under 'vars.B' (line 4); keys there: c",
        e.getMessage());
    ToolException top = refused("vars:\n  A: 1\n", "var.A", "x");
    assertEquals(
        "t.yml: path 'var.A' not found: no key 'var' under the document root (line 1); keys there: vars",
        top.getMessage());
    ToolException scalar = refused("a: 1\n", "a.b", "x");
    assertTrue(scalar.getMessage().contains("'a' (line 1) is a scalar ('1'), it has no key 'b'"));
  }

  @Test
  void theTargetMustBeAScalar() {
    ToolException e = refused("a:\n  b: 1\n  \"c.d\": 2\n", "a", "x");
    assertEquals(
        "t.yml: 'a' (line 2) is a mapping (keys: b, \"c.d\"), not a single value; give the path down to"
            + " a scalar",
        e.getMessage());
    assertTrue(refused("a: [1, 2]\n", "a", "x").getMessage().contains("is a list of 2 items"));
  }

  @Test
  void duplicateKeysOnThePathAreAmbiguous() {
    ToolException e = refused("a: 1\na: 2\n", "a", "3");
    assertTrue(
        e.getMessage().contains("key 'a' appears 2 times under the document root"), e.getMessage());
  }

  @Test
  void unparsableYamlGivesLineAndColumn() {
    ToolException e = refused("a: 1\nb: [1, 2\nc: 3\n", "a", "2");
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().matches("t\\.yml:\\d+:\\d+: not valid YAML: .*"), e.getMessage());
    ToolException twoDocs = refused("a: 1\n---\nb: 2\n", "a", "2");
    assertTrue(twoDocs.getMessage().contains("expected a single document"), twoDocs.getMessage());
    assertTrue(refused("", "a", "2").getMessage().contains("holds no YAML document"));
  }

  @Test
  void hostileYamlIsBounded() {
    StringBuilder laughs = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 20; i++) {
      laughs.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        laughs.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      laughs.append("]\n");
    }
    laughs.append("ip: 1.1.1.1\n");
    ToolException e = refused(laughs.toString(), "ip", "2.2.2.2");
    assertTrue(
        e.getMessage()
            .contains("Number of aliases for non-scalar nodes exceeds the specified max=50"),
        e.getMessage());
    String deep = "a: " + "[".repeat(500) + "]".repeat(500) + "\n";
    assertEquals(ExitCode.BAD_INPUT, refused(deep, "a", "x").exitCode());
    byte[] big = new byte[YamlText.MAX_BYTES + 1];
    ToolException size = assertThrows(ToolException.class, () -> YamlText.of("big.yml", big));
    assertTrue(size.getMessage().contains("larger than"), size.getMessage());
  }

  @Test
  void arbitraryTypesAreRefusedNeverConstructed() {
    String yaml =
        "evil: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
            + " [\"http://127.0.0.1:1/\"]]]]\nip: 1.1.1.1\n";
    ToolException e = refused(yaml, "ip", "2.2.2.2");
    assertEquals(
        "t.yml:1:7: not valid YAML: Global tag is not allowed:"
            + " tag:yaml.org,2002:javax.script.ScriptEngineManager",
        e.getMessage());
    // standard tags are fine
    assertEquals("n: !!str 10\nip: 2.2.2.2\n", set("n: !!str 10\nip: 1.1.1.1\n", "ip", "2.2.2.2"));
  }

  @Test
  void expectGuardsAgainstAConcurrentChange() {
    ToolException e =
        assertThrows(
            ToolException.class,
            () ->
                Edits.edit(
                    YamlText.of("t", "ip: 1.1.1.1\n".getBytes(StandardCharsets.UTF_8)),
                    new ScalarEditor.Request(
                        YamlPath.parse("ip"), "2.2.2.2", Optional.of("9.9.9.9"), false)));
    assertEquals(ExitCode.DIFFERENCE, e.exitCode());
    assertEquals(
        "t: 'ip' (line 1) is '1.1.1.1', not the expected '9.9.9.9'; nothing written",
        e.getMessage());
  }

  /**
   * What js-yaml (YAML 1.2) reads and SnakeYAML (YAML 1.1) refused: the tool reads it and edits it
   * in place.
   */
  @Test
  void yaml12ThatSnakeYaml11RefusedIsReadAndEdited() {
    // tabs as separation space, after a value and before a comment
    assertEquals(
        "ip:\t10.0.0.2\t# dest\nname:\tco1\n",
        set("ip:\t10.0.0.1\t# dest\nname:\tco1\n", "ip", "10.0.0.2"));
    // a tab after '-' in a block sequence
    assertEquals(
        "cores:\n  -\tco1\nip: 2.2.2.2\n", set("cores:\n  -\tco1\nip: 1.1.1.1\n", "ip", "2.2.2.2"));
    // an escaped tab at the start of a double-quoted continuation line
    assertEquals(
        "note: \"a\n  \\\tb\"\nip: 2.2.2.2\n",
        set("note: \"a\n  \\\tb\"\nip: 1.1.1.1\n", "ip", "2.2.2.2"));
    // an anchor name holding ':'
    assertEquals(
        "&a: key: &a value\nip: 2.2.2.2\n",
        set("&a: key: &a value\nip: 1.1.1.1\n", "ip", "2.2.2.2"));
  }

  /** YAML 1.2 (js-yaml) reads yes/no/on/off as text: written plain, they stay text for Pryv. */
  @Test
  void yesAndOnAreTextInYaml12AndStayPlain() {
    assertEquals("mode: yes\n", set("mode: x\n", "mode", "yes"));
    assertEquals("mode: on\n", set("mode: x\n", "mode", "on"));
    assertEquals("mode: 'true'\n", set("mode: x\n", "mode", "true"));
  }
}
