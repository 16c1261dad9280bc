package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolRoot;
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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
        args, BackupTransferOptionsParser::parse, BackupTransferHelp::text, this::dispatch);
  }

  private int dispatch(BackupTransferOptions options) throws IOException {
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
      int exit = ExitCode.OK.code();
      List<Object> jsonReports = new ArrayList<>();
      for (int i = 0; i < sides.size(); i += 2) {
        exit = Math.max(exit, pair(options, sides.get(i), sides.get(i + 1), jsonReports));
      }
      if (options.json()) {
        // One pair: its report, as always; several: one document holding each pair's report in
        // order.
        JsonOutput.write(
            jsonReports.size() == 1
                ? jsonReports.get(0)
                : Map.of(
                    options.verb() == BackupTransferVerb.CHECK ? "checks" : "transfers",
                    jsonReports),
            out);
        out.flush();
      }
      return exit;
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
            () ->
                SshConnection.open(
                    target,
                    options.ssh().connectTimeout(),
                    options.compress(),
                    note -> err.println(NAME + ": " + note)));
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
   * One SRC DEST pair: its text report printed now, or its report kept for the one JSON document.
   */
  private int pair(BackupTransferOptions options, Side source, Side dest, List<Object> jsonReports)
      throws IOException {
    if (options.verb() == BackupTransferVerb.CHECK) {
      BackupTransferReports.Compared compared =
          new BackupTransferReports.Compared(
              TreeComparison.compare(source, dest, options.followLinks(), clock));
      if (options.json()) {
        jsonReports.add(compared.report());
        return compared.exitCode().code();
      }
      return root.print(compared, false, BackupTransferPrinters.COMPARED);
    }
    BackupTransferReports.Transferred transferred = transfer(options, source, dest);
    if (options.json()) {
      jsonReports.add(transferred.report());
      return transferred.exitCode().code();
    }
    return root.print(transferred, false, BackupTransferPrinters.transferred(err));
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
