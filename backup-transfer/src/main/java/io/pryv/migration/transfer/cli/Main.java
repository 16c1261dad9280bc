package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ExitCleanup;
import io.pryv.migration.common.HeapCap;
import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.ssh.CryptoWarmUp;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;

/** Wires the process's streams into the tool, in a JVM whose memory is bounded. */
public final class Main {
  /**
   * The JVM the tool runs in when started without a heap limit ({@link HeapCap}). 160 MB holds the listings and
   * plan of a push of 400,000 files (200,000-300,000 with --checksum, which also holds both sides' sums), measured
   * by bench/backup-transfer/memory.sh; the serial collector needs far less memory of its own than G1 (a full copy of
   * 200,000 files: 148 MB RSS against 177 MB, both with a 128 MB heap) and its pauses are short on a heap this size.
   * The release's bin/backup-transfer starts the tool with the same options as HeapCap's child (scripts/release.sh,
   * bounded_heap), so that it runs in one JVM; keep the two equal.
   */
  static final List<String> BOUNDED_JVM = List.of("-Xmx160m", "-XX:+UseSerialGC");

  private Main() {}

  public static void main(String[] args) {
    OptionalInt ranInChild = HeapCap.runBounded(BackupTransferTool.NAME, Main.class, args, BOUNDED_JVM);
    if (ranInChild.isPresent()) {
      System.exit(ranInChild.getAsInt());
    }
    // A run that fails (or is killed through its parent JVM) may end while a local script still hashes a large tree
    // (--checksum hashes both sides from the start): the scripts go with it instead of reading the whole tree for
    // nothing. Once the tool has ended normally every script it started has ended too.
    ExitCleanup.register("bt-stop-local-scripts", ExitCleanup::stopDescendants);
    for (String arg : args) {
      if (Location.namesRemote(arg)) {
        CryptoWarmUp.startOnce(); // the SSH handshake's cryptography warms up while the arguments are parsed
        break;
      }
    }
    System.exit(new BackupTransferTool(System.out, System.err, Clock.systemUTC(),
        ProgressDisplay.stderrIsTerminal()).run(args));
  }
}
