package io.pryv.migration.verify.snapshot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.verify.api.PryvApi;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code snapshot}: fingerprints whole accounts into a snapshot file. Each account is first written
 * to its own temporary file (accounts run concurrently), then the file is assembled and renamed
 * into place ({@link SafeFileWriter}), so that an interrupted run never leaves a complete-looking
 * snapshot.
 */
public final class Snapshotter {
  private final Function<String, PryvApi> apiForUser;
  private final int pageSize;
  private final boolean downloadAttachments;
  private final Settling settling;
  private final Clock clock;

  /** One account written. */
  public record AccountResult(String user, AccountSummary summary, Path part) {}

  public Snapshotter(
      Function<String, PryvApi> apiForUser,
      int pageSize,
      boolean downloadAttachments,
      Settling settling,
      Clock clock) {
    this.apiForUser = apiForUser;
    this.pageSize = pageSize;
    this.downloadAttachments = downloadAttachments;
    this.settling = settling;
    this.clock = clock;
  }

  public List<AccountResult> write(
      Path out, String api, String type, List<String> users, Scope scope, int concurrency)
      throws IOException, InterruptedException {
    Path directory = out.toAbsolutePath().getParent();
    List<AccountResult> results = new ArrayList<>();
    try {
      results = AccountRunner.run(users, concurrency, user -> one(directory, user, scope));
      List<AccountResult> parts = results;
      // assembled through common's atomic writer: an interrupted run never leaves a
      // complete-looking snapshot;
      // owner-only, as the account data it describes
      SafeFileWriter.writeSecret(
          out,
          stream -> {
            Writer writer =
                new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            SnapshotWriter header = new SnapshotWriter(writer);
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("kind", "header")
                .put("format", SnapshotReader.FORMAT)
                .put("type", type)
                .put("api", api)
                .put("created", clock.instant().toString());
            header.line(line);
            header.flush();
            for (AccountResult result : parts) {
              try (var reader = Files.newBufferedReader(result.part(), StandardCharsets.UTF_8)) {
                reader.transferTo(writer);
              }
            }
            writer.flush();
          });
      return results;
    } finally {
      for (AccountResult result : results) {
        Files.deleteIfExists(result.part());
      }
    }
  }

  private AccountResult one(Path directory, String user, Scope scope) {
    try {
      Path part = Files.createTempFile(directory, ".verify-" + user, ".part");
      try (BufferedWriter writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
        SnapshotWriter out = new SnapshotWriter(writer);
        out.line(accountLine(user, scope));
        AccountSummary summary =
            new AccountFingerprinter(
                    apiForUser.apply(user), pageSize, downloadAttachments, settling, user)
                .fingerprint(scope, out);
        ObjectNode end = JsonNodeFactory.instance.objectNode();
        end.put("kind", "end")
            .put("user", user)
            .put("accessesReadable", summary.accessesReadable())
            .put("attachmentBytes", downloadAttachments);
        summary.unsettled().forEach(end.putArray("unsettledSeries")::add);
        ObjectNode counts = end.putObject("counts");
        summary.counts().forEach(counts::put);
        out.line(end);
        out.flush();
        return new AccountResult(user, summary, part);
      } catch (RuntimeException e) {
        Files.deleteIfExists(part);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode accountLine(String user, Scope scope) {
    ObjectNode account = JsonNodeFactory.instance.objectNode();
    account.put("kind", "account").put("user", user);
    if (!scope.whole()) {
      scope.rootStreams().forEach(account.putArray("scopeRoots")::add);
      scope.streamIds().stream().sorted().forEach(account.putArray("scopeStreams")::add);
      scope.eventIds().stream().sorted().forEach(account.putArray("scopeEvents")::add);
    }
    return account;
  }
}
