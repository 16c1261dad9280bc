package io.pryv.migration.nginx.conf.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * Makes Jackson write what Python's {@code json.dumps} writes for crossplane: {@code ensure_ascii}
 * escapes (lowercase hex, as in {@code \\u00e9}), and with an indent the layout of {@code
 * json.dumps(indent=N)} ({@code "key": value}, one item per line, {@code []} for empty lists).
 * Without indent Jackson's compact output already matches {@code separators=(',', ':')}.
 */
final class PythonJsonStyle {
  private PythonJsonStyle() {}

  static void apply(JsonGenerator generator, Integer indent) {
    if (indent != null) {
      generator.setPrettyPrinter(new IndentPrinter(Math.max(0, indent)));
    }
  }

  /**
   * Writes a string value as Python's {@code ensure_ascii} does. Printable ASCII (nearly every
   * config string) takes Jackson's fast path, whose escapes for quote and backslash are Python's;
   * anything else is escaped here, lowercase {@code \\u} escapes as Python writes them.
   */
  static void writeString(JsonGenerator g, String value) throws IOException {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < ' ' || c >= 0x7F) {
        g.writeRawValue(escape(value));
        return;
      }
    }
    g.writeString(value);
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < ' ' || c >= 0x7F) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** {@code json.dumps(indent=N)}. */
  static final class IndentPrinter implements PrettyPrinter {
    private final String unit;
    private int depth;

    IndentPrinter(int indent) {
      this.unit = " ".repeat(indent);
    }

    private void newline(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
      for (int i = 0; i < depth; i++) {
        g.writeRaw(unit);
      }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      depth++;
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      depth--;
      if (entries > 0) {
        newline(g);
      }
      g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
      depth++;
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      depth--;
      if (values > 0) {
        newline(g);
      }
      g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      newline(g);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      newline(g);
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      newline(g);
    }
  }
}
