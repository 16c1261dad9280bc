package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.CommandBoundary;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.HeapCap;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolRoot;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.ssh.SshConnection;
import io.pryv.migration.ssh.SshTarget;
import io.pryv.migration.transfer.check.TreeComparison;
import io.pryv.migration.transfer.engine.Transfer;
import io.pryv.migration.transfer.engine.TransferSettings;
import io.pryv.migration.transfer.manifest.Manifest;
import io.pryv.migration.transfer.manifest.ManifestFile;
import io.pryv.migration.transfer.side.Background;
import io.pryv.migration.transfer.side.LocalSide;
import io.pryv.migration.transfer.side.RemoteSide;
import io.pryv.migration.transfer.side.Side;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The backup-transfer command: parses, opens the sides, runs one verb, prints its report. */
public final class BackupTransferTool {
  static final String NAME = "backup-transfer";

  private final ToolRoot root;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final boolean terminal;

  public BackupTransferTool(PrintStream out, PrintStream err, Clock clock, boolean terminal) {
    this.root = new ToolRoot(NAME, BackupTransferTool.class, out, err);
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.terminal = terminal;
  }

  public int run(String[] args) {
    return root.run(
        args,
        BackupTransferOptionsParser::parse,
        BackupTransferHelp::text,
        options -> dispatch(options, args));
  }

  private int dispatch(BackupTransferOptions options, String[] args) throws Exception {
    List<AutoCloseable> open = new ArrayList<>();
    try {
      // Every remote folder of the call shares one connection: one handshake for several SRC DEST
      // pairs.
      Map<String, CompletableFuture<SshConnection>> connections = new HashMap<>();
      List<Side> sides = new ArrayList<>();
      for (Location location : options.locations()) {
        sides.add(side(location, options, connections, open));
      }
      if (options.verb() == BackupTransferVerb.MANIFEST) {
        return root.print(
            manifest(options, sides.get(0)), options.json(), BackupTransferPrinters.MANIFESTED);
      }
      return pairs(options, sides, args);
    } finally {
      for (AutoCloseable closeable : open) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing a connection that already failed
        }
      }
    }
  }

  private Side side(
      Location location,
      BackupTransferOptions options,
      Map<String, CompletableFuture<SshConnection>> connections,
      List<AutoCloseable> open) {
    if (!location.isRemote()) {
      return new LocalSide(Path.of(location.path()));
    }
    SshTarget target = options.ssh().target(location.userAtHost().get());
    CompletableFuture<SshConnection> connecting =
        connections.computeIfAbsent(
            location.userAtHost().get(), host -> connect(target, options, open));
    return new RemoteSide(target, connecting, location.path());
  }

  private CompletableFuture<SshConnection> connect(
      SshTarget target, BackupTransferOptions options, List<AutoCloseable> open) {
    // Connect while the local side is being listed: the handshake overlaps with the scan.
    CompletableFuture<SshConnection> connecting =
        Background.supply(
            "ssh-connect",
            () -> SshConnection.open(target, options.ssh().connectTimeout(), options.compress()));
    open.add(
        () -> {
          if (connecting.isDone() && !connecting.isCompletedExceptionally()) {
            SshConnection connection = connecting.join();
            connection
                .acceptedNewHostKey()
                .ifPresent(
                    key ->
                        err.println(
                            NAME
                                + ": recorded the new host key "
                                + key
                                + " in "
                                + target.knownHosts().map(Object::toString).orElse("known_hosts")));
            connection.close();
          } else {
            connecting.whenComplete(
                (connection, failure) -> {
                  if (connection != null) {
                    connection.close();
                  }
                });
          }
        });
    return connecting;
  }

  /**
   * The SRC DEST pairs, side by side or one after the other ({@link PairsAtOnce}): each text report
   * printed in the order of the arguments as soon as its pair and those before it are done, or kept
   * for the one JSON document (one pair: its report, as always; several: one document holding each
   * pair's report in order). One pair that fails fails the call; of several, a failed pair says its
   * error line as the command boundary would and holds its place in the JSON document with it,
   * while the others go on. The exit code is the highest of the pairs'.
   */
  private int pairs(BackupTransferOptions options, List<Side> sides, String[] args)
      throws Exception {
    int count = sides.size() / 2;
    boolean progressShown = options.progress() && terminal && options.verb().transfers();
    List<Supplier<PairRuns.Outcome<VerbReport>>> outcomes =
        PairRuns.run(
            count,
            PairsAtOnce.of(options, progressShown),
            pair -> report(options, sides.get(2 * pair), sides.get(2 * pair + 1)));
    int exit = ExitCode.OK.code();
    List<Object> jsonReports = new ArrayList<>();
    Set<String> errorsSaid = new HashSet<>();
    for (int pair = 0; pair < count; pair++) {
      PairRuns.Outcome<VerbReport> outcome = outcomes.get(pair).get();
      if (outcome.failure() == null) {
        exit = Math.max(exit, print(options, outcome.result(), jsonReports));
        continue;
      }
      if (count == 1 || outcome.failure() instanceof Error) {
        throw rethrown(outcome.failure()); // an Error (out of memory): the launcher's retry
      }
      ByteArrayOutputStream said = new ByteArrayOutputStream();
      int code =
          CommandBoundary.run(
              NAME,
              args,
              new PrintStream(said, true, StandardCharsets.UTF_8),
              () -> {
                throw rethrown(outcome.failure());
              });
      if (code == HeapCap.OUT_OF_BOUNDED_HEAP) {
        return code; // nothing printed yet: the launcher runs the call again with a larger heap
      }
      String text = said.toString(StandardCharsets.UTF_8);
      if (errorsSaid.add(text)) { // one connection failure fails every pair alike: said once
        err.print(text);
        err.flush();
      }
      exit = Math.max(exit, code);
      jsonReports.add(
          failed(options, sides.get(2 * pair), sides.get(2 * pair + 1), text.lines().findFirst()));
    }
    if (options.json()) {
      JsonOutput.write(
          jsonReports.size() == 1
              ? jsonReports.get(0)
              : Map.of(
                  options.verb() == BackupTransferVerb.CHECK ? "checks" : "transfers", jsonReports),
          out);
      out.flush();
    }
    return exit;
  }

  /** One pair's work: its report, not printed yet. */
  private VerbReport report(BackupTransferOptions options, Side source, Side dest)
      throws IOException {
    if (options.verb() == BackupTransferVerb.CHECK) {
      return new BackupTransferReports.Compared(
          TreeComparison.compare(source, dest, options.followLinks(), clock));
    }
    return transfer(options, source, dest);
  }

  /** A pair's text report printed now, or its report kept for the one JSON document. */
  private int print(BackupTransferOptions options, VerbReport report, List<Object> jsonReports)
      throws IOException {
    if (options.json()) {
      jsonReports.add(
          report instanceof BackupTransferReports.Compared compared
              ? compared.report()
              : ((BackupTransferReports.Transferred) report).report());
      return report.exitCode().code();
    }
    if (report instanceof BackupTransferReports.Compared compared) {
      return root.print(compared, false, BackupTransferPrinters.COMPARED);
    }
    return root.print(
        (BackupTransferReports.Transferred) report, false, BackupTransferPrinters.transferred(err));
  }

  /** The place of a failed pair in the JSON document: its folders and its error line. */
  private static Map<String, Object> failed(
      BackupTransferOptions options, Side source, Side dest, Optional<String> errorLine) {
    Map<String, Object> failed = new LinkedHashMap<>();
    failed.put("command", options.verb().word());
    failed.put("source", source.describe());
    failed.put("destination", dest.describe());
    failed.put("error", errorLine.orElse("").replaceFirst("^" + NAME + ": error: ", ""));
    return failed;
  }

  private static Exception rethrown(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    return (Exception) failure;
  }

  private BackupTransferReports.Transferred transfer(
      BackupTransferOptions options, Side source, Side dest) throws IOException {
    TransferSettings settings =
        new TransferSettings(
            options.checksum(),
            options.delete(),
            options.followLinks(),
            options.dryRun(),
            options.progress() && terminal);
    return new BackupTransferReports.Transferred(
        new Transfer(clock, err).run(options.verb().word(), source, dest, settings),
        options.delete());
  }

  /**
   * With -o the manifest goes to the file (checked before the folder is read), else to stdout by
   * the printer.
   */
  private BackupTransferReports.Manifested manifest(BackupTransferOptions options, Side side)
      throws IOException {
    options.output().ifPresent(ManifestFile::check);
    Manifest.Document manifest = Manifest.of(side, options.followLinks());
    if (options.output().isPresent()) {
      Path file = options.output().get();
      ManifestFile.write(
          file,
          print ->
              BackupTransferPrinters.manifest(
                  manifest, options.json(), options.sha256sumFormat(), print));
      err.println(NAME + ": wrote the manifest of " + manifest.files() + " files to " + file);
    }
    return new BackupTransferReports.Manifested(
        manifest, options.output(), options.sha256sumFormat());
  }
}
