package io.pryv.migration.verify.cli;

import io.pryv.migration.common.CommandBoundary;
import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.ToolVersion;
import io.pryv.migration.verify.api.ApiConnector;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.RetryPolicy;
import io.pryv.migration.verify.api.Tokens;
import io.pryv.migration.verify.check.AccountReport;
import io.pryv.migration.verify.check.CheckReportPrinter;
import io.pryv.migration.verify.check.Checker;
import io.pryv.migration.verify.health.HealthCheck;
import io.pryv.migration.verify.http.TlsSettings;
import io.pryv.migration.verify.seed.Seeder;
import io.pryv.migration.verify.snapshot.Scope;
import io.pryv.migration.verify.snapshot.Settling;
import io.pryv.migration.verify.snapshot.Snapshotter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The verify tool: parses, wires the API client, runs one command, returns the exit code. */
public final class VerifyTool {
  static final String NAME = "verify";
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final Clock clock;
  private final RetryPolicy.Sleeper sleeper;
  private final RetryPolicy.Sleeper settleSleeper;

  public VerifyTool(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock,
      RetryPolicy.Sleeper sleeper) {
    this(out, err, environment, clock, sleeper, sleeper);
  }

  /**
   * @param sleeper waits between retries
   * @param settleSleeper waits between two reads of a series event that the core has not rewritten yet
   */
  public VerifyTool(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock,
      RetryPolicy.Sleeper sleeper, RetryPolicy.Sleeper settleSleeper) {
    this.out = out;
    this.err = err;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
    this.sleeper = sleeper;
    this.settleSleeper = settleSleeper;
  }

  public int run(String[] args) {
    VerifyOptions options;
    try {
      options = OptionsParser.parse(args);
    } catch (ToolException usage) {
      // a plain usage error is one line, --verbose or not
      return CommandBoundary.run(NAME, new String[0], err, () -> {
        throw usage;
      });
    }
    return CommandBoundary.run(NAME, options.verbose() ? new String[] {"--verbose"} : new String[0], err,
        () -> execute(options));
  }

  private Settling settling(VerifyOptions options, String command) {
    return new Settling(options.settle(), settleSleeper, err, command);
  }

  private int execute(VerifyOptions options) throws IOException, InterruptedException {
    switch (options.command()) {
      case HELP -> {
        out.print(CommandLineParsing.help("java -jar verify.jar seed|snapshot|check|health --api URL [options]",
            DESCRIPTION, OptionsParser.options(), EXAMPLES));
        return ExitCode.OK.code();
      }
      case VERSION -> {
        out.println(NAME + " " + ToolVersion.of(VerifyTool.class));
        return ExitCode.OK.code();
      }
      default -> { }
    }
    if (options.insecure()) {
      err.println(NAME + ": warning: --insecure: TLS certificates are NOT checked; anyone on the path can"
          + " impersonate the core");
    }
    Tokens tokens = Tokens.load(options.tokenFile(), environment);
    RetryPolicy retry = new RetryPolicy(options.retries() + 1, Duration.ofMillis(500), Duration.ofSeconds(15),
        sleeper);
    try (ApiConnector connector = new ApiConnector(options.api(), options.resolve(),
        new TlsSettings(options.caCertificates(), options.insecure()), retry,
        Duration.ofSeconds(options.timeoutSeconds()))) {
      return switch (options.command()) {
        case SEED -> seed(options, connector, tokens);
        case SNAPSHOT -> snapshot(options, connector, tokens);
        case CHECK -> check(options, connector, tokens);
        case HEALTH -> health(options, connector, tokens);
        default -> throw new IllegalStateException(options.command().name());
      };
    }
  }

  private int seed(VerifyOptions options, ApiConnector connector, Tokens tokens)
      throws IOException, InterruptedException {
    users(options).forEach(tokens::require);
    String runId = options.runId() != null ? options.runId()
        : DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
    double firstTime = Seeder.firstTime(clock.instant(), runId);
    Map<String, Seeder.Seeded> seeded = new LinkedHashMap<>();
    StringBuilder tokenLines = new StringBuilder();
    for (String user : users(options)) {
      Seeder.Seeded result = new Seeder(connector.account(user, tokens.require(user)), runId,
          options.seriesPoints(), firstTime).seed();
      seeded.put(user, result);
      tokenLines.append(user).append(' ').append(result.readToken()).append('\n');
    }
    writeSecret(options.tokenOut(), tokenLines.toString());
    // read back with the read-only token, once the core has settled what was written (the series event is
    // rewritten about 10 s after its points): the manifest is exactly what the check will compare against
    Map<String, String> readTokens = new LinkedHashMap<>();
    seeded.forEach((user, result) -> readTokens.put(user, result.readToken()));
    List<Snapshotter.AccountResult> written = new ArrayList<>();
    for (Map.Entry<String, Seeder.Seeded> entry : seeded.entrySet()) {
      Seeder.Seeded result = entry.getValue();
      Snapshotter snapshotter = new Snapshotter(user -> connector.account(user, readTokens.get(user)),
          options.pageSize(), true, settling(options, "seed"), clock);
      Path part = seeded.size() == 1 ? options.out() : Path.of(options.out() + "." + entry.getKey());
      written.addAll(snapshotter.write(part, options.api(), "seed", List.of(entry.getKey()),
          new Scope(List.of(result.root()), result.streams(), result.eventIds()), 1));
    }
    if (seeded.size() > 1) {
      mergeManifests(options.out(), seeded.keySet());
    }
    if (options.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("runId", runId);
      report.put("manifest", options.out().toString());
      report.put("tokenFile", options.tokenOut().toString());
      Map<String, Object> accounts = new LinkedHashMap<>();
      for (Snapshotter.AccountResult result : written) {
        accounts.put(result.user(), Map.of("root", seeded.get(result.user()).root(),
            "counts", result.summary().counts(), "unsettledSeries", result.summary().unsettled()));
      }
      report.put("accounts", accounts);
      JsonOutput.write(report, out);
    } else {
      for (Snapshotter.AccountResult result : written) {
        out.println("seed: account " + result.user() + ": run " + runId + ", marker stream "
            + seeded.get(result.user()).root() + ": " + describe(result.summary().counts()));
      }
      out.println("seed: manifest written to " + options.out() + "; read-only check token(s) written to "
          + options.tokenOut() + " (mode 0600)");
    }
    return ExitCode.OK.code();
  }

  private void mergeManifests(Path out, Iterable<String> users) throws IOException {
    Path temporary = Files.createTempFile(out.toAbsolutePath().getParent(), "." + out.getFileName(), ".tmp");
    try (var writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      boolean first = true;
      for (String user : users) {
        Path part = Path.of(out + "." + user);
        List<String> lines = Files.readAllLines(part, StandardCharsets.UTF_8);
        for (String line : first ? lines : lines.subList(1, lines.size())) {
          writer.write(line);
          writer.write('\n');
        }
        first = false;
        Files.delete(part);
      }
    }
    Files.move(temporary, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void writeSecret(Path file, String content) throws IOException {
    Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // non-POSIX file systems keep their default rights
      }
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private int snapshot(VerifyOptions options, ApiConnector connector, Tokens tokens)
      throws IOException, InterruptedException {
    users(options).forEach(tokens::require);
    Snapshotter snapshotter = new Snapshotter(user -> connector.account(user, tokens.require(user)),
        options.pageSize(), options.downloadAttachments(), settling(options, "snapshot"), clock);
    List<Snapshotter.AccountResult> results = snapshotter.write(options.out(), options.api(), "snapshot",
        users(options), Scope.wholeAccount(), options.concurrency());
    if (options.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("snapshot", options.out().toString());
      Map<String, Object> accounts = new LinkedHashMap<>();
      for (Snapshotter.AccountResult result : results) {
        accounts.put(result.user(), Map.of("counts", result.summary().counts(),
            "integrityFailures", result.summary().integrityFailures(),
            "accessesReadable", result.summary().accessesReadable(),
            "unsettledSeries", result.summary().unsettled()));
      }
      report.put("accounts", accounts);
      JsonOutput.write(report, out);
      return ExitCode.OK.code();
    }
    for (Snapshotter.AccountResult result : results) {
      out.println("snapshot: account " + result.user() + ": " + describe(result.summary().counts())
          + (result.summary().accessesReadable() ? "" : " (accesses not readable with this token)"));
      if (result.summary().integrityFailures() > 0) {
        out.println("snapshot: warning: account " + result.user() + ": " + result.summary().integrityFailures()
            + " item(s) do not match their declared integrity on this core already");
      }
    }
    out.println("snapshot: written to " + options.out());
    return ExitCode.OK.code();
  }

  private int check(VerifyOptions options, ApiConnector connector, Tokens tokens)
      throws IOException, InterruptedException {
    Function<String, PryvApi> api = user -> connector.account(user, tokens.require(user));
    Path work = options.against().toAbsolutePath().getParent();
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    Checker checker = new Checker(api, options.pageSize(), options.downloadAttachments(),
        Files.isWritable(temp) ? temp : work);
    List<AccountReport> reports = checker.check(options.against(), new LinkedHashSet<>(options.users()),
        options.concurrency());
    try {
      if (options.json()) {
        CheckReportPrinter.json(reports, out);
      } else {
        CheckReportPrinter.text(reports, out);
      }
    } finally {
      Checker.cleanUp(reports);
    }
    return reports.stream().allMatch(AccountReport::identical) ? ExitCode.OK.code() : ExitCode.DIFFERENCE.code();
  }

  private int health(VerifyOptions options, ApiConnector connector, Tokens tokens) {
    if (options.users().size() > 1) {
      throw ToolException.usage("health takes at most one --user");
    }
    String user = options.users().isEmpty() ? null : options.users().get(0);
    PryvApi account = user == null ? null : connector.account(user, tokens.forUser(user));
    List<HealthCheck.Probe> probes = new HealthCheck(connector.root(), account, options.insecure()).run();
    boolean failed = probes.stream().anyMatch(p -> p.status().equals("fail"));
    if (options.json()) {
      JsonOutput.write(Map.of("healthy", !failed, "probes", probes), out);
    } else {
      for (HealthCheck.Probe probe : probes) {
        out.printf("%-4s  %-13s %s%n", probe.status().toUpperCase(java.util.Locale.ROOT), probe.name(),
            probe.detail());
      }
      out.println("health: " + (failed ? "FAILED" : "ok"));
    }
    return failed ? ExitCode.DIFFERENCE.code() : ExitCode.OK.code();
  }

  private static List<String> users(VerifyOptions options) {
    return options.users();
  }

  private static String describe(Map<String, Long> counts) {
    StringBuilder text = new StringBuilder();
    for (String kind : AccountReport.KINDS) {
      if (text.length() > 0) {
        text.append(", ");
      }
      long count = counts.getOrDefault(kind, 0L);
      text.append(count).append(' ').append(kind).append(count == 1 ? "" : kind.equals("series") ? "" : "s");
    }
    return text.toString().replace("accesss", "accesses");
  }

  private static final String DESCRIPTION = String.join("\n",
      "Proves through the Pryv.io HTTP API that accounts arrived intact after a core migration.",
      "  seed      before the move: create marker streams/events (attachment, series, trashed, deleted) in",
      "            existing accounts, a read-only access for the check, and a seed manifest (--out)",
      "  snapshot  fingerprint whole accounts (streams, every event incl. trashed and deleted, attachment",
      "            SHA-256, series points, accesses) into a snapshot file (--out)",
      "  check     re-read dest and compare with a seed manifest or snapshot (--against); exit 1 on any difference",
      "  health    the core answers (API root, service info with its api URL, on classic and dnsLess cores),",
      "            TLS is valid, a token can read",
      "seed and snapshot wait (--settle, default 30s) for series events the core has not rewritten yet: a core",
      "rewrites a series event about 10 s after its last points write, and a record taken before goes stale.",
      "Event integrity (EVENT:0:sha256-...) is recomputed: present and intact are checked separately.",
      "Tokens: --token-file FILE or PRYV_TOKEN, never argv, never printed.");

  private static final String EXAMPLES = String.join("\n",
      "Examples:",
      "  PRYV_TOKEN=... java -jar verify.jar seed --api https://core1.example.com/ --user alice --out seed.json",
      "  java -jar verify.jar snapshot --api https://core1.example.com/ --users accounts.txt \\",
      "      --token-file tokens.txt --out before.jsonl",
      "  java -jar verify.jar check --api https://core1.example.com/ --against seed.json --token-file seed.json.token \\",
      "      --resolve core1.example.com:443:203.0.113.7     # dest by IP, before DNS moves",
      "  java -jar verify.jar health --api https://core1.example.com/ --user alice --cacert dest-ca.pem",
      "Exit codes: 0 identical / healthy, 1 difference / unhealthy, 2 usage, 3 bad input, 4 network or API error.");
}
