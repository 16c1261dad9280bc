package io.pryv.migration.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The {@code --json} report writer: one pretty-printed JSON document (records, maps, lists) per
 * run.
 */
public final class JsonOutput {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .registerModule(new Jdk8Module());

  private JsonOutput() {}

  /** A mapper configured like the reports (shared, thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static void write(Object report, OutputStream out) {
    try {
      MAPPER.writeValue(out, report);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String toJson(Object report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
