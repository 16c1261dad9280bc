package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

  @Test
  void lineShowsFilesBytesRateAndEta() {
    Clock start = Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC);
    ProgressDisplay display = new ProgressDisplay(null, false, start, "push", 10, 1000 * 1024);
    for (int i = 0; i < 5; i++) {
      display.itemDone();
    }
    display.addBytes(500 * 1024);
    String line = display.line(start.millis() + 10_000);
    assertTrue(line.startsWith("push [############............]  50% 5/10 files"), line);
    assertTrue(line.contains("500.0 KiB/1000.0 KiB 50.0 KiB/s ETA 00:10"), line);
  }

  @Test
  void quietWhenNotATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (ProgressDisplay display = new ProgressDisplay(err, false, Clock.systemUTC(), "x", 1, 1)) {
      display.addBytes(1);
      display.itemDone();
    }
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void formatsSizesAndDurations() {
    assertEquals("512 B", ProgressDisplay.formatBytes(512));
    assertEquals("1.5 MiB", ProgressDisplay.formatBytes(1536 * 1024));
    assertEquals("1:01:01", ProgressDisplay.formatDuration(Duration.ofSeconds(3661)));
  }
}
