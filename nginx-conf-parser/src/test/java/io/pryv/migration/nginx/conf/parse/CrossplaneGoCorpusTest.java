package io.pryv.migration.nginx.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.conf.CorpusFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config of the Go crossplane's corpus parses without a crash; the broken ones report the
 * errors crossplane (Python, 0.5.7) reports for them.
 */
class CrossplaneGoCorpusTest {
  private static final Path ROOT = CorpusFiles.dir("crossplane-go");

  private static final Map<String, List<String>> BROKEN =
      Map.of(
          "bad-args/nginx.conf",
          List.of("invalid number of arguments in \"user\" directive in bad-args/nginx.conf:1"),
          "braces/extra-brace.conf",
          List.of("unexpected \"}\" in braces/extra-brace.conf:11"),
          "braces/missing-brace.conf",
          List.of("unexpected end of file, expecting \"}\" in braces/missing-brace.conf:22"),
          "premature-eof/nginx.conf",
          List.of("unexpected end of file, expecting \"}\" in premature-eof/nginx.conf:2"),
          "missing-semicolon-above/nginx.conf",
          List.of(
              "directive \"proxy_pass\" is not terminated by \";\" in missing-semicolon-above/nginx.conf:4"),
          "missing-semicolon-below/nginx.conf",
          List.of(
              "directive \"proxy_pass\" is not terminated by \";\" in missing-semicolon-below/nginx.conf:7"),
          "includes-regular/nginx.conf",
          List.of("[Errno 2] No such file or directory: 'includes-regular/bar.conf'"),
          "if-expr/empty-parens.conf",
          List.of(
              "invalid number of arguments in \"if\" directive in if-expr/empty-parens.conf:9",
              "\"location\" directive is not allowed here in if-expr/empty-parens.conf:12",
              "\"return\" directive is not allowed here in if-expr/empty-parens.conf:13"));

  private static final List<String> VALID =
      List.of(
          "simple/nginx.conf",
          "messy/nginx.conf",
          "geo/nginx.conf",
          "lua-basic/nginx.conf",
          "lua-block-tricky/nginx.conf",
          "quote-behavior/nginx.conf",
          "oidc/nginx.conf",
          "ubuntu-default/nginx.conf",
          "includes-globbed/nginx.conf",
          "nap-waf-v5/nginx.conf",
          "empty-config/nginx.conf",
          "large-config/nginx.conf.kld",
          "upstream_resolver_directive/multiple_resolvers.conf");

  @TestFactory
  Stream<DynamicTest> everyConfigParsesWithoutCrash() {
    List<String> files =
        CorpusFiles.files(ROOT, "").stream()
            .filter(name -> !name.endsWith(".json") && !name.endsWith(".bz2"))
            .toList();
    assertTrue(files.size() > 70, "the Go corpus was not copied: " + files.size());
    return files.stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Payload payload = parse(name, ROOT);
                      assertFalse(payload.config().isEmpty());
                      assertEquals(name, payload.config().get(0).file());
                      assertEquals(payload.errors().isEmpty(), payload.ok());
                      if (BROKEN.containsKey(name)) {
                        assertEquals(
                            BROKEN.get(name),
                            payload.errors().stream().map(ParseError::error).toList());
                      }
                      if (VALID.contains(name)) {
                        assertTrue(payload.ok(), () -> name + ": " + payload.errors());
                      }
                    }));
  }

  @Test
  void theLargeRealWorldConfigParsesWithAllItsLocations(@TempDir Path dir) throws Exception {
    try (InputStream in =
        new BZip2CompressorInputStream(
            Files.newInputStream(ROOT.resolve("large-config/nginx.conf.bz2")))) {
      Files.write(dir.resolve("nginx.conf"), in.readAllBytes());
    }
    Payload payload = parse("nginx.conf", dir);
    assertTrue(payload.ok(), () -> payload.errors().toString());
    Statement http =
        payload.config().get(0).parsed().stream()
            .filter(s -> s.directive().equals("http"))
            .findFirst()
            .orElseThrow();
    assertEquals(4, http.block().stream().filter(s -> s.directive().equals("server")).count());
    long locations = count(http.block(), "location");
    assertTrue(locations > 2000, "locations found: " + locations);
  }

  @Test
  void combiningAnIncludeCycleIsABadInputErrorNotAStackOverflow() {
    assertThrows(
        ToolException.class,
        () ->
            NginxConfParser.parse(
                "includes-cycle/invalid/nginx.conf",
                ParseOptions.defaults().withWorkingDir(ROOT).withCombine(true)));
  }

  @Test
  void combiningInlinesIncludedFilesWithTheirFileName() {
    Payload payload =
        NginxConfParser.parse(
            "includes-globbed/nginx.conf",
            ParseOptions.defaults().withWorkingDir(ROOT).withCombine(true));
    assertEquals(1, payload.config().size());
    List<String> files =
        payload.config().get(0).parsed().stream().map(Statement::file).distinct().toList();
    assertEquals(List.of("includes-globbed/nginx.conf"), files.subList(0, 1));
    assertTrue(
        payload.config().get(0).parsed().stream().noneMatch(s -> s.directive().equals("include")));
  }

  private static long count(List<Statement> block, String directive) {
    long found = 0;
    for (Statement statement : block) {
      found += statement.directive().equals(directive) ? 1 : 0;
      found += statement.hasBlock() ? count(statement.block(), directive) : 0;
    }
    return found;
  }

  private static Payload parse(String name, Path root) {
    return NginxConfParser.parse(name, ParseOptions.defaults().withWorkingDir(root));
  }
}
