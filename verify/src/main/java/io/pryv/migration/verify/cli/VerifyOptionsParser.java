package io.pryv.migration.verify.cli;

import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.SharedOptions;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.verify.http.ResolveRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * commons-cli → {@link VerifyOptions}; cross-option checks are usage errors. Reads only the --users
 * file.
 */
public final class VerifyOptionsParser {
  private static final Pattern USER =
      Pattern.compile("[a-z0-9][a-z0-9-]{0,99}", Pattern.CASE_INSENSITIVE);
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

  private VerifyOptionsParser() {}

  public static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("api")
            .hasArg()
            .argName("URL")
            .desc(
                "API of the core: https://core.example.com/ (the account is appended) or a template like"
                    + " https://{username}.pryv.me/")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("user")
            .hasArg()
            .argName("USER")
            .desc("account name; repeat for several")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("users")
            .hasArg()
            .argName("FILE")
            .desc("file listing accounts, one per line (# comments)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("token-file")
            .hasArg()
            .argName("FILE")
            .desc(
                "file with one token for all accounts, or lines 'USER TOKEN'; else $PRYV_TOKEN. Never on the"
                    + " command line")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("resolve")
            .hasArg()
            .argName("HOST:PORT:IP")
            .desc(
                "connect to IP for HOST:PORT, keeping Host, SNI and the certificate check for HOST (like curl);"
                    + " repeatable")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("cacert")
            .hasArg()
            .argName("FILE")
            .desc("also trust the CA certificate(s) in this PEM file; repeatable")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("insecure")
            .desc("do not check TLS certificates (warns on every run)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("concurrency")
            .hasArg()
            .argName("N")
            .desc("accounts handled at once (default 4)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("retries")
            .hasArg()
            .argName("N")
            .desc("retries after a timeout, a reset connection or a 5xx, with backoff (default 3)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("timeout")
            .hasArg()
            .argName("SECONDS")
            .desc("connect and read timeout (default 60)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("page-size")
            .hasArg()
            .argName("N")
            .desc("events per events.get page (default 10000)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("no-attachment-download")
            .desc(
                "snapshot/check: trust the declared attachment integrity instead of downloading the bytes")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("out")
            .hasArg()
            .argName("FILE")
            .desc("seed: the manifest to write; snapshot: the snapshot to write")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("token-out")
            .hasArg()
            .argName("FILE")
            .desc("seed: where to write the read-only check tokens, mode 0600 (default OUT.token)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("against")
            .hasArg()
            .argName("FILE")
            .desc("check: the seed manifest or snapshot to compare dest with")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("run-id")
            .hasArg()
            .argName("ID")
            .desc("seed: marker run id (default: from the clock)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("series-points")
            .hasArg()
            .argName("N")
            .desc("seed: points in the high-frequency series (default 100)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("settle")
            .hasArg()
            .argName("DURATION")
            .desc(
                "seed/snapshot: how long to wait for series events the core has not rewritten yet (it does so about"
                    + " 10 s after the last points write): 30s (default), 2m, 500ms, 0 to not wait")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("wait")
            .hasArg()
            .argName("DURATION")
            .desc(
                "health: while the API root does not answer (a core still starting), probe again every 0.2 s for"
                    + " up to DURATION (e.g. 2m); 0 (default) probes once")
            .get());
    return SharedOptions.addTo(options, true);
  }

  public static VerifyOptions parse(String[] args) {
    CommandLine line = CommandLineParsing.parse(options(), args);
    List<String> words = line.getArgList();
    if (line.hasOption("help") || line.hasOption("version")) {
      return bare(line.hasOption("help"), line.hasOption("version"));
    }
    if (words.isEmpty()) {
      throw ToolException.usage(
          "a command is required: seed, snapshot, check or health (see --help)");
    }
    if (words.size() > 1) {
      throw ToolException.usage(
          "unexpected argument '"
              + words.get(1)
              + "' (tokens are read from --token-file"
              + " or PRYV_TOKEN, never from the command line)");
    }
    VerifyVerb command;
    try {
      command = VerifyVerb.valueOf(words.get(0).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      command = null;
    }
    if (command == null) {
      throw ToolException.usage(
          "unknown command '" + words.get(0) + "': expected seed, snapshot, check or health");
    }
    String api = line.getOptionValue("api");
    if (api == null) {
      throw ToolException.usage(words.get(0) + " needs --api URL");
    }
    List<String> users = users(line);
    if ((command == VerifyVerb.SEED || command == VerifyVerb.SNAPSHOT) && users.isEmpty()) {
      throw ToolException.usage(words.get(0) + " needs --user USER or --users FILE");
    }
    Path out = path(line, "out");
    if ((command == VerifyVerb.SEED || command == VerifyVerb.SNAPSHOT) && out == null) {
      throw ToolException.usage(words.get(0) + " needs --out FILE");
    }
    Path against = path(line, "against");
    if (command == VerifyVerb.CHECK && against == null) {
      throw ToolException.usage("check needs --against FILE (a seed manifest or a snapshot)");
    }
    onlyFor(line, command, "against", VerifyVerb.CHECK);
    onlyFor(line, command, "out", VerifyVerb.SEED, VerifyVerb.SNAPSHOT);
    onlyFor(line, command, "token-out", VerifyVerb.SEED);
    onlyFor(line, command, "run-id", VerifyVerb.SEED);
    onlyFor(line, command, "series-points", VerifyVerb.SEED);
    onlyFor(line, command, "no-attachment-download", VerifyVerb.SNAPSHOT, VerifyVerb.CHECK);
    onlyFor(line, command, "settle", VerifyVerb.SEED, VerifyVerb.SNAPSHOT);
    onlyFor(line, command, "wait", VerifyVerb.HEALTH);
    List<ResolveRule> resolve = new ArrayList<>();
    for (String rule : values(line, "resolve")) {
      resolve.add(ResolveRule.parse(rule));
    }
    List<Path> caCertificates = values(line, "cacert").stream().map(Path::of).toList();
    if (line.hasOption("insecure") && !caCertificates.isEmpty()) {
      throw ToolException.usage("--insecure and --cacert contradict each other");
    }
    String runId = line.getOptionValue("run-id");
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      throw ToolException.usage(
          "--run-id takes lowercase letters, digits and dashes (max 41), not '" + runId + "'");
    }
    Path tokenOut = path(line, "token-out");
    if (command == VerifyVerb.SEED && tokenOut == null) {
      tokenOut = Path.of(out + ".token");
    }
    return new VerifyOptions(
        false,
        false,
        command,
        api,
        users,
        path(line, "token-file"),
        resolve,
        caCertificates,
        line.hasOption("insecure"),
        positive(line, "concurrency", 4),
        atLeast(line, "retries", 3, 0),
        positive(line, "timeout", 60),
        positive(line, "page-size", 10_000),
        !line.hasOption("no-attachment-download"),
        out,
        tokenOut,
        against,
        runId,
        positive(line, "series-points", 100),
        duration(line, "settle", DEFAULT_SETTLE),
        duration(line, "wait", Duration.ZERO),
        line.hasOption("json"),
        line.hasOption("verbose"));
  }

  /**
   * The default wait for series events to settle: the core's 10 s cool-down, its flush period, and
   * a margin.
   */
  static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?");

  /** A duration option (--settle, --wait): 30s, 2m, 500ms or 0, at most one hour. */
  private static Duration duration(CommandLine line, String name, Duration absent) {
    String value = line.getOptionValue(name);
    if (value == null) {
      return absent;
    }
    var match = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!match.matches()) {
      throw ToolException.usage(
          "--" + name + " takes a duration such as 30s, 2m, 500ms or 0, not '" + value + "'");
    }
    double amount = Double.parseDouble(match.group(1));
    String unit = match.group(2) == null ? "s" : match.group(2);
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "m", "min" -> amount * 60_000;
          default -> amount * 1000;
        };
    if (millis > Duration.ofHours(1).toMillis()) {
      throw ToolException.usage("--" + name + " must be at most 1 hour, not '" + value + "'");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  private static VerifyOptions bare(boolean help, boolean version) {
    return new VerifyOptions(
        help,
        version,
        null,
        null,
        List.of(),
        null,
        List.of(),
        List.of(),
        false,
        1,
        0,
        60,
        10_000,
        true,
        null,
        null,
        null,
        null,
        100,
        DEFAULT_SETTLE,
        Duration.ZERO,
        false,
        false);
  }

  private static void onlyFor(
      CommandLine line, VerifyVerb command, String option, VerifyVerb... allowed) {
    if (line.hasOption(option) && !Arrays.asList(allowed).contains(command)) {
      throw ToolException.usage(
          "--" + option + " does not apply to " + command.name().toLowerCase(Locale.ROOT));
    }
  }

  private static List<String> values(CommandLine line, String option) {
    String[] values = line.getOptionValues(option);
    return values == null ? List.of() : List.of(values);
  }

  private static Path path(CommandLine line, String option) {
    String value = line.getOptionValue(option);
    return value == null ? null : Path.of(value);
  }

  private static int positive(CommandLine line, String option, int defaultValue) {
    return atLeast(line, option, defaultValue, 1);
  }

  private static int atLeast(CommandLine line, String option, int defaultValue, int minimum) {
    int value = CommandLineParsing.intValue(line, option, defaultValue);
    if (value < minimum) {
      throw ToolException.usage("--" + option + " must be at least " + minimum);
    }
    return value;
  }

  private static List<String> users(CommandLine line) {
    Set<String> users = new LinkedHashSet<>(values(line, "user"));
    String file = line.getOptionValue("users");
    if (file != null) {
      try {
        for (String raw : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
          String user = raw.strip();
          if (!user.isEmpty() && !user.startsWith("#")) {
            users.add(user);
          }
        }
      } catch (IOException e) {
        throw ToolException.badInput("--users " + file + ": cannot read: " + e.getMessage());
      }
    }
    for (String user : users) {
      if (!USER.matcher(user).matches()) {
        throw ToolException.usage(
            "'" + user + "' is not an account name (letters, digits, dashes)");
      }
    }
    return List.copyOf(users);
  }
}
