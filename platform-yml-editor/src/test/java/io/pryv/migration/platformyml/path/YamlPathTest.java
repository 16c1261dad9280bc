package io.pryv.migration.platformyml.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlPathTest {
  @Test
  void dottedAndQuotedParts() {
    assertEquals(
        List.of("vars", "HOSTINGS_AND_CORES", "exoscale.ch-ch", "co1", "ip"),
        YamlPath.parse("vars.HOSTINGS_AND_CORES.\"exoscale.ch-ch\".co1.ip").segments());
    assertEquals(
        List.of("a b", "it's", "q\"x", ""),
        YamlPath.parse("'a b'.'it''s'.\"q\\\"x\".''").segments());
    assertEquals(List.of("l", "0"), YamlPath.parse("l.0").segments());
  }

  @Test
  void formatQuotesOnlyWhatNeedsItAndRoundTrips() {
    YamlPath path = YamlPath.of("vars", "exoscale.ch-ch", "a b", "q\"\\", "");
    assertEquals("vars.\"exoscale.ch-ch\".\"a b\".\"q\\\"\\\\\".\"\"", path.toString());
    assertEquals(path, YamlPath.parse(path.toString()));
  }

  @Test
  void malformedPathsAreUsageErrors() {
    for (String bad : List.of("", "a..b", ".a", "a.", "a.\"b", "a.b\"c\"", "\"a\"b")) {
      ToolException e = assertThrows(ToolException.class, () -> YamlPath.parse(bad), bad);
      assertEquals(ExitCode.USAGE, e.exitCode(), bad);
    }
  }
}
