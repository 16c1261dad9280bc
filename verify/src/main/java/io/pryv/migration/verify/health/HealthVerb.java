package io.pryv.migration.verify.health;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.verify.api.ApiConnector;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.RetryPolicy;
import io.pryv.migration.verify.api.Tokens;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code health}: the core's probes ({@link HealthCheck}), with an account's token when one --user
 * is given. With a wait, the probes run again every {@link #INTERVAL} while the API root does not
 * answer (a core whose containers were just started): any other failure is final at once.
 */
public final class HealthVerb {
  /** The pause between two rounds of probes while waiting for the API root. */
  public static final Duration INTERVAL = Duration.ofMillis(200);

  /** A progress line at most this often while waiting. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  /**
   * Every probe; unhealthy (exit 1) when one failed. {@code waitedSeconds}: from the first probe to
   * the last round's end when the API root was waited for, else 0.
   */
  public record Report(boolean healthy, List<HealthCheck.Probe> probes, double waitedSeconds)
      implements VerbReport {
    @Override
    public ExitCode exitCode() {
      return healthy ? ExitCode.OK : ExitCode.DIFFERENCE;
    }
  }

  private final ApiConnector connector;
  private final Tokens tokens;
  private final boolean insecure;
  private final RetryPolicy.Sleeper sleeper;
  private final PrintStream progress;

  public HealthVerb(
      ApiConnector connector,
      Tokens tokens,
      boolean insecure,
      RetryPolicy.Sleeper sleeper,
      PrintStream progress) {
    this.connector = connector;
    this.tokens = tokens;
    this.insecure = insecure;
    this.sleeper = sleeper;
    this.progress = progress;
  }

  /**
   * @param wait how long to keep probing while the API root does not answer; zero probes once
   */
  public Report run(List<String> users, Duration wait) {
    if (users.size() > 1) {
      throw ToolException.usage("health takes at most one --user");
    }
    String user = users.isEmpty() ? null : users.get(0);
    PryvApi account = user == null ? null : connector.account(user, tokens.forUser(user));
    HealthCheck check = new HealthCheck(connector.root(), account, insecure);
    long start = System.nanoTime();
    long lastProgress = Long.MIN_VALUE;
    boolean waited = false;
    while (true) {
      List<HealthCheck.Probe> probes = check.run();
      boolean healthy = probes.stream().noneMatch(p -> p.status().equals("fail"));
      HealthCheck.Probe root = probes.get(0);
      long elapsed = System.nanoTime() - start;
      if (!root.status().equals("fail") || elapsed >= wait.toNanos()) {
        return new Report(healthy, probes, waited ? elapsed / 1e9 : 0);
      }
      if (lastProgress == Long.MIN_VALUE || elapsed - lastProgress >= PROGRESS_EVERY.toNanos()) {
        progress.printf(
            "verify: health: the API root does not answer yet (%s); probing again every %.1f s,"
                + " %.0f s left%n",
            root.detail(), INTERVAL.toMillis() / 1000.0, (wait.toNanos() - elapsed) / 1e9);
        lastProgress = elapsed;
      }
      try {
        sleeper.sleep(INTERVAL);
        waited = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ToolException.environment("health: interrupted while waiting for the API root");
      }
    }
  }
}
