package io.pryv.migration.verify.fake;

import io.pryv.migration.standins.pryvcore.FakePryvServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Fake cores as the tests use them: on 127.0.0.1, with a short series cool-down so that waiting
 * stays fast.
 */
public final class FakeCores {
  /** The tests' series cool-down (a real core waits 10 s). */
  public static final Duration COOL_DOWN = Duration.ofMillis(300);

  private FakeCores() {}

  public static FakePryvServer start(FakePryvServer.Version version) {
    try {
      return FakePryvServer.http("127.0.0.1", 0, version).seriesCoolDown(COOL_DOWN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
