package io.pryv.migration.verify.health;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.verify.api.ApiConnector;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Tokens;
import java.util.List;

/**
 * {@code health}: the core's probes ({@link HealthCheck}), with an account's token when one --user
 * is given.
 */
public final class HealthVerb {
  /** Every probe; unhealthy (exit 1) when one failed. */
  public record Report(boolean healthy, List<HealthCheck.Probe> probes) implements VerbReport {
    @Override
    public ExitCode exitCode() {
      return healthy ? ExitCode.OK : ExitCode.DIFFERENCE;
    }
  }

  private final ApiConnector connector;
  private final Tokens tokens;
  private final boolean insecure;

  public HealthVerb(ApiConnector connector, Tokens tokens, boolean insecure) {
    this.connector = connector;
    this.tokens = tokens;
    this.insecure = insecure;
  }

  public Report run(List<String> users) {
    if (users.size() > 1) {
      throw ToolException.usage("health takes at most one --user");
    }
    String user = users.isEmpty() ? null : users.get(0);
    PryvApi account = user == null ? null : connector.account(user, tokens.forUser(user));
    List<HealthCheck.Probe> probes = new HealthCheck(connector.root(), account, insecure).run();
    return new Report(probes.stream().noneMatch(p -> p.status().equals("fail")), probes);
  }
}
