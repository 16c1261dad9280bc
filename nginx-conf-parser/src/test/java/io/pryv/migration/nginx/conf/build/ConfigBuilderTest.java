package io.pryv.migration.nginx.conf.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.nginx.conf.CorpusFiles;
import io.pryv.migration.nginx.conf.parse.ConfigFile;
import io.pryv.migration.nginx.conf.parse.NginxConfParser;
import io.pryv.migration.nginx.conf.parse.ParseOptions;
import io.pryv.migration.nginx.conf.parse.Payload;
import io.pryv.migration.nginx.conf.parse.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ConfigBuilderTest {
  private static final Path ROOT = CorpusFiles.dir("crossplane-py");

  @Test
  void argumentsAreQuotedOnlyWhenNginxWouldNotReadThemBackAsOneToken() {
    assertEquals("plain", ArgumentQuoting.enquote("plain"));
    assertEquals("$host${uri}", ArgumentQuoting.enquote("$host${uri}"));
    assertEquals("''", ArgumentQuoting.enquote(""));
    assertEquals("'foo bar'", ArgumentQuoting.enquote("foo bar"));
    assertEquals("\"it's\"", ArgumentQuoting.enquote("it's"));
    assertEquals("'a;b'", ArgumentQuoting.enquote("a;b"));
    assertEquals("'${'", ArgumentQuoting.enquote("${"));
    assertEquals("'\\n'", ArgumentQuoting.enquote("\n"));
  }

  @Test
  void buildsBlocksIfsAndSameLineCommentsLikeCrossplane() {
    List<Statement> inner =
        List.of(
            new Statement(
                null,
                "if",
                2,
                List.of("$a", "=", "b"),
                null,
                List.of(
                    new Statement(
                        null, "return", 3, List.of("200", "ok then"), null, null, null, null)),
                null,
                null),
            new Statement(null, "#", 2, List.of(), null, null, " trailing", null));
    List<Statement> top =
        List.of(new Statement(null, "server", 1, List.of(), null, inner, null, null));
    assertEquals(
        "server {\n    if ($a = b) {\n        return 200 'ok then';\n    } # trailing\n}",
        ConfigBuilder.build(top, 4, false, false));
    assertTrue(
        ConfigBuilder.build(top, 4, true, true)
            .startsWith(ConfigBuilder.HEADER + "server {\n\tif"));
  }

  /**
   * Building a parsed config and parsing the result gives the same statements (crossplane's round
   * trip). Not for messy/nginx.conf: an argument holding a raw newline is written as {@code \n} by
   * crossplane's repr quoting, which reads back as two characters, in crossplane as here.
   */
  @TestFactory
  Stream<DynamicTest> buildThenParseGivesTheSameStatements() {
    return Stream.of(
            "simple/nginx.conf",
            "spelling-mistake/nginx.conf",
            "non-unicode/nginx.conf",
            "quote-behavior/nginx.conf",
            "lua-block-tricky/nginx.conf",
            "with-comments/nginx.conf",
            "russian-text/nginx.conf",
            "empty-value-map/nginx.conf",
            "directive-with-space/nginx.conf")
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      ParseOptions options =
                          ParseOptions.defaults()
                              .withWorkingDir(ROOT)
                              .withComments(true)
                              .withSingle(true);
                      ConfigFile original = NginxConfParser.parse(name, options).config().get(0);
                      String built = ConfigBuilder.build(original.parsed(), 4, false, false) + "\n";
                      Payload again =
                          NginxConfParser.parse(
                              "rebuilt.conf",
                              options,
                              Map.of("rebuilt.conf", built.getBytes(StandardCharsets.UTF_8)));
                      assertEquals(
                          withoutLines(original.parsed()),
                          withoutLines(again.config().get(0).parsed()),
                          built);
                      assertFalse(built.isBlank());
                    }));
  }

  private static List<String> withoutLines(List<Statement> block) {
    List<String> out = new ArrayList<>();
    for (Statement s : block) {
      out.add(s.directive() + " " + s.args() + (s.comment() == null ? "" : " #" + s.comment()));
      if (s.hasBlock()) {
        out.add("{");
        out.addAll(withoutLines(s.block()));
        out.add("}");
      }
    }
    return out;
  }

  @Test
  void filesAreRenderedBelowTheBaseFolderWithOneFinalNewline() throws Exception {
    Path file = ROOT.resolve("simple/nginx.conf");
    assertTrue(Files.exists(file));
    List<ConfigFilesBuilder.BuiltFile> files =
        ConfigFilesBuilder.render(
            List.of(
                new io.pryv.migration.nginx.conf.json.PayloadJson.BuildInput(
                    "conf/a.conf",
                    List.of(
                        new Statement(null, "user", 1, List.of("nginx"), null, null, null, null)))),
            "/tmp/base",
            4,
            false,
            false);
    assertEquals("/tmp/base/conf/a.conf", files.get(0).path());
    assertEquals("user nginx;\n", files.get(0).content());
  }
}
