package io.pryv.migration.common.integrity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jackson mapper for API responses: floats are kept as exact decimals so that the integrity
 * computation sees the digits the server sent, not a second rounding.
 */
public final class PryvJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private PryvJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static JsonFactory factory() {
    return MAPPER.getFactory();
  }
}
