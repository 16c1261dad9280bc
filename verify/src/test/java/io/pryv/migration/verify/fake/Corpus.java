package io.pryv.migration.verify.fake;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.integrity.PryvJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The recorded Pryv.io traffic copied into the test resources (from corpus/pryv-api). */
public final class Corpus {
  private Corpus() {}

  public static JsonNode integrityVectors() {
    return read("/pryv-api/integrity-vectors.json");
  }

  /** Every exchange, by file name, in recording order. */
  public static Map<String, JsonNode> exchanges() {
    Map<String, JsonNode> exchanges = new LinkedHashMap<>();
    for (JsonNode entry : read("/pryv-api/exchanges-index.json")) {
      String file = entry.get("file").asText();
      exchanges.put(file, read("/pryv-api/exchanges/" + file));
    }
    return exchanges;
  }

  /** One exchange by its number prefix, e.g. {@code "096"}. */
  public static JsonNode exchange(String number) {
    for (JsonNode entry : read("/pryv-api/exchanges-index.json")) {
      String file = entry.get("file").asText();
      if (file.startsWith(number + "-")) {
        return read("/pryv-api/exchanges/" + file);
      }
    }
    throw new IllegalArgumentException("no exchange " + number);
  }

  private static JsonNode read(String resource) {
    try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return PryvJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
