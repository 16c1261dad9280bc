package io.pryv.migration.nginx.conf.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * Makes Jackson write what Python's {@code json.dumps} writes for crossplane: {@code ensure_ascii} escapes
 * (lowercase hex, as in {@code \\u00e9}), and with an indent the layout of {@code json.dumps(indent=N)} ({@code "key": value},
 * one item per line, {@code []} for empty lists). Without indent Jackson's compact output already matches
 * {@code separators=(',', ':')}.
 */
final class PythonJsonStyle {
  private PythonJsonStyle() {}

  static void apply(JsonGenerator generator, Integer indent) {
    generator.setCharacterEscapes(new AsciiEscapes());
    if (indent != null) {
      generator.setPrettyPrinter(new IndentPrinter(Math.max(0, indent)));
    }
  }

  /** Python's ensure_ascii: everything outside printable ASCII as a lowercase backslash-u escape. */
  static final class AsciiEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = new int[128];

    static {
      for (int c = 0; c < 32; c++) {
        ASCII[c] = CharacterEscapes.ESCAPE_CUSTOM;
      }
      ASCII['\n'] = 'n';
      ASCII['\r'] = 'r';
      ASCII['\t'] = 't';
      ASCII['\b'] = 'b';
      ASCII['\f'] = 'f';
      ASCII['"'] = '"';
      ASCII['\\'] = '\\';
      ASCII[0x7F] = CharacterEscapes.ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return new SerializedString(String.format("\\u%04x", ch));
    }
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
