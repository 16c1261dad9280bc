package io.pryv.migration.verify.seed;

import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.verify.api.ApiConnector;
import io.pryv.migration.verify.api.Tokens;
import io.pryv.migration.verify.snapshot.Scope;
import io.pryv.migration.verify.snapshot.Settling;
import io.pryv.migration.verify.snapshot.Snapshotter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code seed}: creates the markers in each account ({@link Seeder}), writes the read-only check
 * tokens (mode 0600), then reads the markers back with those tokens, once the core has settled
 * them, into the seed manifest: the manifest is exactly what the check will compare against.
 */
public final class SeedVerb {
  /** One account seeded. */
  public record Account(String user, String root, Snapshotter.AccountResult written) {}

  /** What seed did. */
  public record Report(String runId, Path manifest, Path tokenFile, List<Account> accounts)
      implements VerbReport {}

  private final ApiConnector connector;
  private final Tokens tokens;
  private final Clock clock;
  private final Settling settling;
  private final int pageSize;

  public SeedVerb(
      ApiConnector connector, Tokens tokens, Clock clock, Settling settling, int pageSize) {
    this.connector = connector;
    this.tokens = tokens;
    this.clock = clock;
    this.settling = settling;
    this.pageSize = pageSize;
  }

  /**
   * @param runId the marker run id, or null for one from the clock
   * @param out the seed manifest to write; {@code tokenOut} the check tokens
   */
  public Report run(
      String api, List<String> users, String runId, int seriesPoints, Path out, Path tokenOut)
      throws IOException, InterruptedException {
    users.forEach(tokens::require);
    String run =
        runId != null
            ? runId
            : DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(clock.instant());
    double firstTime = Seeder.firstTime(clock.instant(), run);
    Map<String, Seeder.Seeded> seeded = new LinkedHashMap<>();
    StringBuilder tokenLines = new StringBuilder();
    for (String user : users) {
      Seeder.Seeded result =
          new Seeder(connector.account(user, tokens.require(user)), run, seriesPoints, firstTime)
              .seed();
      seeded.put(user, result);
      tokenLines.append(user).append(' ').append(result.readToken()).append('\n');
    }
    SafeFileWriter.writeSecret(tokenOut, tokenLines.toString().getBytes(StandardCharsets.UTF_8));
    List<Account> accounts = new ArrayList<>();
    for (Map.Entry<String, Seeder.Seeded> entry : seeded.entrySet()) {
      String user = entry.getKey();
      Seeder.Seeded result = entry.getValue();
      Snapshotter snapshotter =
          new Snapshotter(
              u -> connector.account(u, seeded.get(u).readToken()),
              pageSize,
              true,
              settling,
              clock);
      Path part = seeded.size() == 1 ? out : partOf(out, user);
      for (Snapshotter.AccountResult written :
          snapshotter.write(
              part,
              api,
              "seed",
              List.of(user),
              new Scope(List.of(result.root()), result.streams(), result.eventIds()),
              1)) {
        accounts.add(new Account(user, result.root(), written));
      }
    }
    if (seeded.size() > 1) {
      mergeManifests(out, seeded.keySet());
    }
    return new Report(run, out, tokenOut, accounts);
  }

  private static Path partOf(Path out, String user) {
    return Path.of(out + "." + user);
  }

  /** One manifest from the accounts' own: the first header, then each account's lines. */
  private static void mergeManifests(Path out, Iterable<String> users) throws IOException {
    SafeFileWriter.writeSecret(
        out,
        stream -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
          boolean first = true;
          for (String user : users) {
            List<String> lines = Files.readAllLines(partOf(out, user), StandardCharsets.UTF_8);
            for (String line : first ? lines : lines.subList(1, lines.size())) {
              writer.write(line);
              writer.write('\n');
            }
            first = false;
          }
          writer.flush();
        });
    for (String user : users) {
      Files.delete(partOf(out, user));
    }
  }
}
