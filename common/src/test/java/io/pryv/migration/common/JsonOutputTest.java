package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
  record Report(String name, Optional<String> movedAsideTo, Optional<String> absent, long count) {}

  @Test
  void recordsWithOptionalsBecomePlainValuesAndNulls() {
    String json =
        JsonOutput.toJson(new Report("backup", Optional.of("/b.aside"), Optional.empty(), 3));
    assertEquals(
        "{\n  \"name\" : \"backup\",\n  \"movedAsideTo\" : \"/b.aside\",\n  \"absent\" : null,\n"
            + "  \"count\" : 3\n}",
        json);
  }
}
