package io.pryv.migration.common.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The event integrity of Pryv.io ({@code EVENT:0:sha256-<base64>}), recomputed from an event as the
 * API returns it (v1 and v2 cores, event deletions included), so that a check can tell "present"
 * from "intact".
 */
public final class EventIntegrity {
  public static final String PREFIX = "EVENT:0:";

  private EventIntegrity() {}

  /** The {@code EVENT:0:sha256-...} value the server should have stored for this event. */
  public static String compute(JsonNode event) {
    return PREFIX + Sha256.tagged(canonicalString(event));
  }

  /** The exact string that is hashed. */
  public static String canonicalString(JsonNode event) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(event.size() + 1);
    JsonNode legacyStreamId = null;
    boolean hasStreamIds = false;
    JsonNode endTime = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "integrity", "headId", "tags" -> {}
        case "streamId" -> legacyStreamId = value;
        case "endTime" -> endTime = value;
        case "trashed" -> {
          if (value.isBoolean() && value.booleanValue()) {
            fields.add(field);
          }
        }
        case "duration" -> {
          if (!(value.isNumber() && value.decimalValue().signum() == 0)) {
            fields.add(field);
          }
        }
        case "attachments" -> fields.add(Map.entry(name, withoutReadTokens(value)));
        default -> {
          if (name.equals("streamIds")) {
            hasStreamIds = true;
          }
          fields.add(field);
        }
      }
    }
    if (!hasStreamIds && legacyStreamId != null && !legacyStreamId.isNull()) {
      fields.add(Map.entry("streamIds", JsonNodeFactory.instance.arrayNode().add(legacyStreamId)));
    }
    if (endTime != null
        && endTime.isNumber()
        && event.path("time").isNumber()
        && fields.stream().noneMatch(f -> f.getKey().equals("duration"))) {
      BigDecimal duration = endTime.decimalValue().subtract(event.get("time").decimalValue());
      if (duration.signum() != 0) {
        fields.add(Map.entry("duration", JsonNodeFactory.instance.numberNode(duration)));
      }
    }
    fields.removeIf(f -> f.getValue().isNull() || f.getValue().isMissingNode());
    fields.sort(Map.Entry.comparingByKey());
    StringBuilder out = new StringBuilder(320);
    CanonicalJson.writeObject(fields, out);
    return out.toString();
  }

  private static JsonNode withoutReadTokens(JsonNode attachments) {
    if (!attachments.isArray()) {
      return attachments;
    }
    ArrayNode copy = JsonNodeFactory.instance.arrayNode(attachments.size());
    for (JsonNode attachment : attachments) {
      if (attachment.isObject() && attachment.has("readToken")) {
        ObjectNode stripped = ((ObjectNode) attachment).deepCopy();
        stripped.remove("readToken");
        copy.add(stripped);
      } else {
        copy.add(attachment);
      }
    }
    return copy;
  }
}
