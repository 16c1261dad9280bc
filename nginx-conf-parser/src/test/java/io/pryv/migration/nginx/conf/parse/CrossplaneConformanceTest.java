package io.pryv.migration.nginx.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.nginx.conf.CorpusFiles;
import io.pryv.migration.nginx.conf.json.PayloadJson;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every config of crossplane's own test corpus, our parse payload equals the one crossplane
 * 0.5.7 wrote ({@code NAME.json}, and {@code NAME.comments.json} with comments), compared as JSON
 * trees (key order aside). Parsed from inside the corpus folder with relative names, as the
 * reference payloads were made.
 */
class CrossplaneConformanceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path ROOT = CorpusFiles.dir("crossplane-py");

  @TestFactory
  Stream<DynamicTest> everyConfigMatchesCrossplane() {
    List<String> configs = CorpusFiles.files(ROOT, ".conf");
    assertFalse(configs.size() < 25, "the corpus was not copied: " + configs);
    return configs.stream()
        .flatMap(
            conf ->
                Stream.of(
                    DynamicTest.dynamicTest(conf, () -> assertMatches(conf, false)),
                    DynamicTest.dynamicTest(
                        conf + " --include-comments", () -> assertMatches(conf, true))));
  }

  @org.junit.jupiter.api.Test
  void theComparisonSeesADifference() throws Exception {
    // Guards the test above: comments kept vs the payload without them must not compare equal.
    JsonNode withoutComments = MAPPER.readTree(ROOT.resolve("with-comments/nginx.json").toFile());
    Payload payload =
        NginxConfParser.parse(
            "with-comments/nginx.conf",
            ParseOptions.defaults().withWorkingDir(ROOT).withComments(true));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PayloadJson.write(payload, out, null);
    org.junit.jupiter.api.Assertions.assertNotEquals(
        withoutComments, MAPPER.readTree(out.toByteArray()));
  }

  private static void assertMatches(String conf, boolean comments) throws Exception {
    String base = conf.substring(0, conf.length() - ".conf".length());
    JsonNode expected =
        MAPPER.readTree(ROOT.resolve(base + (comments ? ".comments.json" : ".json")).toFile());
    Payload payload =
        NginxConfParser.parse(
            conf, ParseOptions.defaults().withWorkingDir(ROOT).withComments(comments));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PayloadJson.write(payload, out, 2);
    JsonNode actual = MAPPER.readTree(out.toByteArray());
    assertEquals(
        expected,
        actual,
        () -> "payload differs for " + conf + "\nexpected: " + expected + "\nactual:   " + actual);
  }
}
