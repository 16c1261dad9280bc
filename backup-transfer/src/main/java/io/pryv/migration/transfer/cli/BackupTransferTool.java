package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.CommandBoundary;
import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolVersion;
import io.pryv.migration.ssh.SshConnection;
import io.pryv.migration.ssh.SshTarget;
import io.pryv.migration.transfer.check.TreeComparison;
import io.pryv.migration.transfer.engine.Transfer;
import io.pryv.migration.transfer.engine.TransferReport;
import io.pryv.migration.transfer.engine.TransferSettings;
import io.pryv.migration.transfer.manifest.Manifest;
import io.pryv.migration.transfer.manifest.ManifestFile;
import io.pryv.migration.transfer.side.Background;
import io.pryv.migration.transfer.side.LocalSide;
import io.pryv.migration.transfer.side.RemoteSide;
import io.pryv.migration.transfer.side.Side;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The backup-transfer command: parses, opens what is needed, runs one verb, prints its report. */
public final class BackupTransferTool {
  static final String NAME = "backup-transfer";

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final boolean terminal;

  public BackupTransferTool(PrintStream out, PrintStream err, Clock clock, boolean terminal) {
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.terminal = terminal;
  }

  public int run(String[] args) {
    return CommandBoundary.run(NAME, args, err, () -> execute(ArgumentsParser.parse(args)));
  }

  private int execute(Invocation invocation) throws IOException {
    switch (invocation.verb()) {
      case HELP -> {
        out.print(help());
        return 0;
      }
      case VERSION -> {
        out.println(NAME + " " + ToolVersion.of(BackupTransferTool.class));
        return 0;
      }
      default -> { }
    }
    List<AutoCloseable> open = new ArrayList<>();
    try {
      // Every remote folder of the call shares one connection: one handshake for several SRC DEST pairs.
      Map<String, CompletableFuture<SshConnection>> connections = new HashMap<>();
      List<Side> sides = new ArrayList<>();
      for (Location location : invocation.locations()) {
        sides.add(side(location, invocation, connections, open));
      }
      if (invocation.verb() == Invocation.Verb.MANIFEST) {
        return manifest(invocation, sides.get(0));
      }
      int exit = ExitCode.OK.code();
      List<Object> reports = new ArrayList<>();
      for (int i = 0; i < sides.size(); i += 2) {
        Side source = sides.get(i);
        Side dest = sides.get(i + 1);
        int pairExit = invocation.verb() == Invocation.Verb.CHECK
            ? check(invocation, source, dest, reports)
            : transfer(invocation, source, dest, reports);
        exit = Math.max(exit, pairExit);
      }
      if (invocation.json()) {
        // One pair: its report, as always; several: one document holding each pair's report in order.
        JsonOutput.write(reports.size() == 1 ? reports.get(0)
            : Map.of(invocation.verb() == Invocation.Verb.CHECK ? "checks" : "transfers", reports), out);
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

  private Side side(Location location, Invocation invocation,
      Map<String, CompletableFuture<SshConnection>> connections, List<AutoCloseable> open) {
    if (!location.isRemote()) {
      return new LocalSide(Path.of(location.path()));
    }
    SshTarget target = SshTarget.parse(location.userAtHost().get(), invocation.port(), invocation.identity(),
        invocation.knownHosts(), invocation.acceptNewHostKey());
    CompletableFuture<SshConnection> connecting = connections.computeIfAbsent(location.userAtHost().get(),
        host -> connect(target, invocation, open));
    return new RemoteSide(target, connecting, location.path());
  }

  private CompletableFuture<SshConnection> connect(SshTarget target, Invocation invocation,
      List<AutoCloseable> open) {
    // Connect while the local side is being listed: the handshake overlaps with the scan.
    CompletableFuture<SshConnection> connecting = Background.supply("ssh-connect", () -> SshConnection.open(target,
        Duration.ofSeconds(invocation.connectTimeoutSeconds()), invocation.compress()));
    open.add(() -> {
      if (connecting.isDone() && !connecting.isCompletedExceptionally()) {
        SshConnection connection = connecting.join();
        connection.acceptedNewHostKey().ifPresent(key -> err.println(NAME + ": recorded the new host key " + key
            + " in " + target.knownHosts().map(Object::toString).orElse("known_hosts")));
        connection.close();
      } else {
        connecting.whenComplete((connection, failure) -> {
          if (connection != null) {
            connection.close();
          }
        });
      }
    });
    return connecting;
  }
  private int transfer(Invocation invocation, Side source, Side dest, List<Object> reports) throws IOException {
    TransferSettings settings = new TransferSettings(invocation.checksum(), invocation.delete(),
        invocation.followLinks(), invocation.dryRun(), invocation.progress() && terminal);
    TransferReport report = new Transfer(clock, err).run(invocation.verb().name().toLowerCase(Locale.ROOT), source,
        dest, settings);
    int exit = report.skipped().isEmpty() ? 0 : ExitCode.DIFFERENCE.code();
    if (invocation.json()) {
      reports.add(report);
      return exit;
    }
    if (report.dryRun()) {
      report.deleted().forEach(path -> out.println("would delete " + RelativePaths.printable(path)));
      report.sent().forEach(path -> out.println("would send   " + RelativePaths.printable(path)));
    }
    report.skipped().forEach(path -> err.println(NAME + ": skipped " + RelativePaths.printable(path)
        + " (dangling or looping symbolic link, or special file)"));
    out.println(String.format(Locale.ROOT, "%s %s -> %s: %s %d files (%s), %d links, %d unchanged, %d deleted,"
            + " %d folders set; %s; %.1f s, %.1f MiB/s",
        report.command(), report.source(), report.destination(), report.dryRun() ? "dry run, would send" : "sent",
        report.filesSent(), ProgressDisplay.formatBytes(report.bytesSent()), report.linksSent(),
        report.filesUnchanged(), report.deleted().size(), report.foldersSet(),
        report.dryRun() ? "nothing changed" : "SHA-256 verified for " + report.verification().filesVerified()
            + " files",
        report.durationSeconds(), report.throughputMiBPerSecond()));
    if (exit != 0) {
      err.println(NAME + ": incomplete: " + report.skipped().size() + " "
          + (report.skipped().size() == 1 ? "entry" : "entries") + " of the source could not be copied (above);"
          + " the destination lacks " + (report.skipped().size() == 1 ? "it" : "them")
          + (invocation.delete() ? "; --delete removed nothing this run, as rsync does after a read error" : "")
          + " (exit 1)");
    }
    return exit;
  }

  private int check(Invocation invocation, Side source, Side dest, List<Object> reports) throws IOException {
    TreeComparison.Report report = TreeComparison.compare(source, dest, invocation.followLinks(), clock);
    if (invocation.json()) {
      reports.add(report);
    } else {
      report.missing().forEach(path -> out.println("missing   " + RelativePaths.printable(path)));
      report.extra().forEach(path -> out.println("extra     " + RelativePaths.printable(path)));
      report.different().forEach(d -> out.println("different " + RelativePaths.printable(d.path()) + ": "
          + d.what()));
      report.skippedInSource().forEach(path -> out.println("skipped   " + RelativePaths.printable(path)
          + ": in the source, not copyable (dangling or looping symbolic link, or special file)"));
      report.skippedInDest().forEach(path -> out.println("skipped   " + RelativePaths.printable(path)
          + ": in the destination, not comparable (dangling or looping symbolic link, or special file)"));
      out.println(String.format(Locale.ROOT, "check %s vs %s: %d files compared by SHA-256, %d missing, %d extra,"
              + " %d different, %d skipped: %s", report.source(), report.destination(), report.filesCompared(),
          report.missing().size(), report.extra().size(), report.different().size(),
          report.skippedInSource().size() + report.skippedInDest().size(),
          report.identical() ? "identical" : "DIFFERENT"));
    }
    return report.identical() ? 0 : ExitCode.DIFFERENCE.code();
  }

  private int manifest(Invocation invocation, Side side) throws IOException {
    invocation.output().ifPresent(ManifestFile::check); // before the folder is read
    Manifest.Document manifest = Manifest.of(side, invocation.followLinks());
    if (invocation.output().isPresent()) {
      Path file = invocation.output().get();
      ManifestFile.write(file, print -> write(invocation, manifest, print));
      err.println(NAME + ": wrote the manifest of " + manifest.files() + " files to " + file);
    } else {
      write(invocation, manifest, out);
    }
    return 0;
  }

  private static void write(Invocation invocation, Manifest.Document manifest, PrintStream print) {
    if (invocation.json()) {
      JsonOutput.write(manifest, print);
    } else if (invocation.sha256sumFormat()) {
      Manifest.writeSha256sum(manifest, print);
    } else {
      Manifest.writeTable(manifest, print);
    }
    print.flush();
  }

  static String help() {
    return CommandLineParsing.help(ArgumentsParser.USAGE, String.join("\n",
        "Copies a folder's CONTENTS to another folder, over SSH or locally, like rsync -a but with every file's",
        "SHA-256 checked end to end before it takes its final name. DEST_DIR ends up holding what SRC_DIR holds:",
        "a trailing slash never matters. Re-running resumes: unchanged files (same size and mtime) are skipped;",
        "with --checksum, files whose content matches (cksum's CRC-32, or SHA-256 if chosen) are skipped.",
        "",
        "Commands:",
        "  push SRC_DIR USER@HOST:DEST_DIR    local folder to a folder on an SSH host",
        "  push SRC1 USER@HOST:DEST1 SRC2 USER@HOST:DEST2 ...  several folders in one call, one SSH connection",
        "                                     (push, pull, copy and check all take several SRC DEST pairs)",
        "  pull USER@HOST:SRC_DIR DEST_DIR    folder on an SSH host to a local folder",
        "  copy SRC_DIR DEST_DIR              local to local",
        "  manifest DIR                       SHA-256 manifest: sha256, size, mode, mtime, path",
        "  check SRC DEST                     compare by content without copying (one side may be USER@HOST:DIR);",
        "                                     exit 1 when anything is missing, extra or different",
        "A remote DIR without a leading / is relative to the login's home (like rsync); ~/DIR says the same.",
        "The far side needs only sh, GNU find, tar, sha256sum, cksum, xargs and cp (no Java). Host keys are checked",
        "against known_hosts. Ownership is kept when the receiving side runs as root; links are followed by default."),
        options(), String.join("\n",
        "Examples:",
        "  backup-transfer push /var/pryv/pryv/mongodb/backup root@10.0.0.7:/var/pryv/pryv/mongodb/backup -i ~/.ssh/id_rsa",
        "  backup-transfer push --delete --dry-run /var/pryv/pryv/core/data root@10.0.0.7:/var/pryv/pryv/core/data",
        "  backup-transfer push --checksum /var/pryv/pryv/core/data root@10.0.0.7:/var/pryv/pryv/core/data",
        "  backup-transfer check /var/pryv/pryv/core/data root@10.0.0.7:/var/pryv/pryv/core/data",
        "  backup-transfer manifest --sha256sum -o /tmp/data.sha256 /var/pryv/pryv/core/data",
        "",
        "Exit codes: 0 done/identical, 1 check found differences, or a transfer skipped entries it could not copy",
        "(dangling links, special files: named on stderr), 2 usage (also copy onto or into itself), 3 bad input",
        "(missing source, dest is a file, unsafe path from the far side), 4 environment (SSH, auth, host key, disk",
        "full, not writable, unreadable file), 5 bug."));
  }

  private static org.apache.commons.cli.Options options() {
    return ArgumentsParser.options();
  }

}
