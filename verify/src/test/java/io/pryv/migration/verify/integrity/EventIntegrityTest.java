package io.pryv.migration.verify.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.integrity.CanonicalJson;
import io.pryv.migration.common.integrity.EventIntegrity;
import io.pryv.migration.common.integrity.JsNumber;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.verify.fake.Corpus;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The integrity rule checked against every recorded vector and every event of the recorded
 * exchanges.
 */
class EventIntegrityTest {

  @Test
  void everyVectorGivesTheRecordedCanonicalStringAndIntegrity() throws Exception {
    JsonNode vectors = Corpus.integrityVectors();
    int checked = 0;
    for (JsonNode vector : vectors.get("events")) {
      String expected = vector.path("canonicalString").asText("");
      if (expected.isEmpty()) {
        continue; // lone surrogate (rejected by the server) and the event later deleted: no
        // canonical form
      }
      JsonNode event = vector.get("event");
      if (vector.hasNonNull("getResponseRaw")) {
        event = PryvJson.mapper().readTree(vector.get("getResponseRaw").asText()).get("event");
      }
      String name = vector.get("name").asText();
      assertEquals(expected, EventIntegrity.canonicalString(event), name);
      assertEquals(event.get("integrity").asText(), EventIntegrity.compute(event), name);
      checked++;
    }
    assertEquals(41, checked, "vectors with a canonical string");
  }

  @Test
  void everyEventInTheExchangesVerifies() throws Exception {
    Map<String, String> failures = new HashMap<>();
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, JsonNode> exchange : Corpus.exchanges().entrySet()) {
      JsonNode body = exchange.getValue().path("response").path("body");
      collectEvents(body, exchange.getKey(), seen, failures);
    }
    assertTrue(failures.isEmpty(), "integrity mismatches: " + failures);
    assertTrue(seen.size() > 150, "events checked: " + seen.size());
    // 41 event ids; updates, trashing and deletions give each a few distinct versions
    assertEquals(55, seen.stream().distinct().count(), "distinct event versions");
  }

  private static void collectEvents(
      JsonNode node, String where, List<String> seen, Map<String, String> failures) {
    if (node.isObject()) {
      if (node.path("integrity").asText("").startsWith(EventIntegrity.PREFIX)) {
        String computed = EventIntegrity.compute(node);
        seen.add(node.get("integrity").asText());
        if (!computed.equals(node.get("integrity").asText())) {
          failures.put(
              where + "#" + node.path("id").asText(), EventIntegrity.canonicalString(node));
        }
      }
      node.elements().forEachRemaining(child -> collectEvents(child, where, seen, failures));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectEvents(child, where, seen, failures));
    }
  }

  @Test
  void attachmentVectorsHashTheirBytes() throws Exception {
    int checked = 0;
    for (JsonNode attachment : Corpus.integrityVectors().get("attachments")) {
      byte[] bytes = Base64.getDecoder().decode(attachment.get("bytesBase64").asText());
      String integrity = Sha256.tagged(Sha256.newDigest().digest(bytes));
      assertEquals(attachment.get("integrity").asText(), integrity);
      assertEquals(
          "SHA-256=" + integrity.substring("sha256-".length()),
          attachment.get("downloadDigestHeader").asText());
      checked++;
    }
    assertEquals(3, checked);
  }

  @Test
  void jsNumberLayoutMatchesJavaScript() {
    assertEquals("1e+21", JsNumber.format(1e21));
    assertEquals("100000000000000000000", JsNumber.format(1e20));
    assertEquals("1e-7", JsNumber.format(1e-7));
    assertEquals("0.000001", JsNumber.format(0.000001));
    assertEquals("0", JsNumber.format(-0.0));
    assertEquals("5e-324", JsNumber.format(Double.MIN_VALUE));
    assertEquals("1.7976931348623157e+308", JsNumber.format(Double.MAX_VALUE));
    assertEquals("0.30000000000000004", JsNumber.format(0.1 + 0.2));
    assertEquals("123456789.12345679", JsNumber.format(123456789.123456789));
    assertEquals("-12.75", JsNumber.format(-12.75));
    assertEquals(
        "10000001.00000001", JsNumber.format(new java.math.BigDecimal("10000001.00000001")));
    assertEquals("9007199254740992", JsNumber.format(new java.math.BigDecimal("9007199254740993")));
  }

  @Test
  void pryvStringEscapingDiffersFromJsonStringify() {
    StringBuilder out = new StringBuilder();
    CanonicalJson.writeString("a\u007fb\u00adc\u2028d\u200de\ufefff\u0001\"\\/😀", out);
    assertEquals("\"a\\u007fb\\u00adc\\u2028d\\u200de\\ufefff\\u0001\\\"\\\\/😀\"", out.toString());
  }
}
