package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ExitCleanup;
import io.pryv.migration.common.HeapCap;
import io.pryv.migration.common.ProgressDisplay;
import java.time.Clock;

/**
 * Wires the process's streams into the tool. The release's bin/backup-transfer bounds its heap
 * (scripts/release.sh, bounded_heap) and starts it again with the default heap when a tree does not
 * fit ({@link HeapCap}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    HeapCap.prepare();
    // A run that fails (or is killed through its launcher) may end while a local script still
    // hashes a large tree
    // (--checksum hashes both sides from the start): the scripts go with it instead of reading the
    // whole tree for
    // nothing. Once the tool has ended normally every script it started has ended too.
    ExitCleanup.register("bt-stop-local-scripts", ExitCleanup::stopDescendants);
    System.exit(
        new BackupTransferTool(
                System.out, System.err, Clock.systemUTC(), ProgressDisplay.stderrIsTerminal())
            .run(args));
  }
}
