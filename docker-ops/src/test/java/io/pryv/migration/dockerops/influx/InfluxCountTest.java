package io.pryv.migration.dockerops.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InfluxCountTest {
  @Test
  void readsTheCountColumnNotAnyDigitInTheOutput() {
    assertEquals(
        OptionalLong.of(60),
        InfluxCount.parse("name: event.e3\ntime count\n---- -----\n0    60\n"));
    assertEquals(
        OptionalLong.of(1),
        InfluxCount.parse("name: event.local1\ntime count\n---- -----\n0    1\n"));
  }

  @Test
  void noSeriesIsNoCountAndAnythingElseFails() {
    assertEquals(OptionalLong.empty(), InfluxCount.parse("\n"));
    assertThrows(AssertionError.class, () -> InfluxCount.of(""));
    assertThrows(AssertionError.class, () -> InfluxCount.parse("ERR: database not found: x\n"));
    assertThrows(
        AssertionError.class,
        () -> InfluxCount.parse("name: m\ntime count_value\n---- -----------\n0    60\n"));
  }
}
