package io.pryv.migration.verify.cli;

import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.verify.api.ApiConnector;
import io.pryv.migration.verify.api.RetryPolicy;
import io.pryv.migration.verify.api.Tokens;
import io.pryv.migration.verify.check.CheckVerb;
import io.pryv.migration.verify.health.HealthVerb;
import io.pryv.migration.verify.http.TlsSettings;
import io.pryv.migration.verify.seed.SeedVerb;
import io.pryv.migration.verify.snapshot.Settling;
import io.pryv.migration.verify.snapshot.SnapshotVerb;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The verify tool: parses, wires the API client, runs one verb, prints its report, returns the exit
 * code.
 */
public final class VerifyTool {
  static final String NAME = "verify";
  private final ToolRoot root;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final Clock clock;
  private final RetryPolicy.Sleeper sleeper;
  private final RetryPolicy.Sleeper settleSleeper;

  public VerifyTool(
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Clock clock,
      RetryPolicy.Sleeper sleeper) {
    this(out, err, environment, clock, sleeper, sleeper);
  }

  /**
   * @param sleeper waits between retries
   * @param settleSleeper waits that are the verb's job: between two reads of a series event that
   *     the core has not rewritten yet, between two health probes of a core still starting (--wait)
   */
  public VerifyTool(
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Clock clock,
      RetryPolicy.Sleeper sleeper,
      RetryPolicy.Sleeper settleSleeper) {
    this.root = new ToolRoot(NAME, VerifyTool.class, out, err);
    this.err = err;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
    this.sleeper = sleeper;
    this.settleSleeper = settleSleeper;
  }

  public int run(String[] args) {
    return root.run(args, VerifyOptionsParser::parse, VerifyHelp::text, this::dispatch);
  }

  private int dispatch(VerifyOptions options) throws Exception {
    if (options.insecure()) {
      root.warn(
          "--insecure: TLS certificates are NOT checked; anyone on the path can impersonate the core");
    }
    Tokens tokens = Tokens.load(options.tokenFile(), environment);
    RetryPolicy retry =
        new RetryPolicy(
            options.retries() + 1, Duration.ofMillis(500), Duration.ofSeconds(15), sleeper);
    boolean json = options.json();
    try (ApiConnector connector =
        new ApiConnector(
            options.api(),
            options.resolve(),
            new TlsSettings(options.caCertificates(), options.insecure()),
            retry,
            Duration.ofSeconds(options.timeoutSeconds()))) {
      return switch (options.verb()) {
        case SEED ->
            root.print(
                new SeedVerb(connector, tokens, clock, settling(options), options.pageSize())
                    .run(
                        options.api(),
                        options.users(),
                        options.runId(),
                        options.seriesPoints(),
                        options.out(),
                        options.tokenOut()),
                json,
                VerifyPrinters.SEED);
        case SNAPSHOT ->
            root.print(
                new SnapshotVerb(
                        connector,
                        tokens,
                        clock,
                        settling(options),
                        options.pageSize(),
                        options.downloadAttachments())
                    .run(options.api(), options.users(), options.out(), options.concurrency()),
                json,
                VerifyPrinters.SNAPSHOT);
        case CHECK -> {
          try (CheckVerb.Report report =
              new CheckVerb(connector, tokens, options.pageSize(), options.downloadAttachments())
                  .run(options.against(), options.users(), options.concurrency())) {
            yield root.print(report, json, VerifyPrinters.CHECK);
          }
        }
        case HEALTH ->
            root.print(
                new HealthVerb(connector, tokens, options.insecure(), settleSleeper, err)
                    .run(options.users(), options.healthWait()),
                json,
                VerifyPrinters.HEALTH);
      };
    }
  }

  private Settling settling(VerifyOptions options) {
    return new Settling(
        options.settle(), settleSleeper, err, options.verb().name().toLowerCase(Locale.ROOT));
  }
}
