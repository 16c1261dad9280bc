package io.pryv.migration.common.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The compact JSON form of {@code @pryv/stable-object-representation}: object keys sorted by UTF-16
 * code units, {@code null} properties dropped at every depth (kept inside arrays), JavaScript
 * number text, and the Pryv string escaping (which also escapes U+007F-009F, U+00AD, U+2028-202F
 * and a few other invisible characters).
 */
public final class CanonicalJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  public static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(sortedFields(node), out);
      case ARRAY -> {
        out.append('[');
        boolean first = true;
        for (JsonNode element : node) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(element, out);
        }
        out.append(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> out.append(JsNumber.format(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL, MISSING -> out.append("null");
      default -> throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
    }
  }

  /** The non-null fields of an object, sorted by UTF-16 code units ({@link String#compareTo}). */
  static List<Map.Entry<String, JsonNode>> sortedFields(JsonNode object) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isNull() && !field.getValue().isMissingNode()) {
        fields.add(field);
      }
    }
    fields.sort(Map.Entry.comparingByKey());
    return fields;
  }

  static void writeObject(List<Map.Entry<String, JsonNode>> sortedFields, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : sortedFields) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(field.getKey(), out);
      out.append(':');
      write(field.getValue(), out);
    }
    out.append('}');
  }

  public static void writeString(String text, StringBuilder out) {
    out.append('"');
    int plain = plainPrefix(text);
    if (plain == text.length()) {
      out.append(text).append('"');
      return;
    }
    out.append(text, 0, plain);
    for (int i = plain; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (mustEscape(c)) {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** How many leading characters need no escaping: most strings are copied in one go. */
  private static int plainPrefix(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || mustEscape(c)) {
        return i;
      }
    }
    return text.length();
  }

  static boolean mustEscape(char c) {
    if (c < 0x20) {
      return true;
    }
    if (c < 0x7f) {
      return false;
    }
    return c <= 0x9f
        || c == 0xad
        || (c >= 0x600 && c <= 0x604)
        || c == 0x70f
        || c == 0x17b4
        || c == 0x17b5
        || (c >= 0x200c && c <= 0x200f)
        || (c >= 0x2028 && c <= 0x202f)
        || (c >= 0x2060 && c <= 0x206f)
        || c == 0xfeff
        || c >= 0xfff0;
  }
}
