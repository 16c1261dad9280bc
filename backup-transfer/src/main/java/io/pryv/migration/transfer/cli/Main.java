package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ProgressDisplay;
import java.time.Clock;

/** Wires the process's streams into the tool. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new BackupTransferTool(System.out, System.err, Clock.systemUTC(),
        ProgressDisplay.stderrIsTerminal()).run(args));
  }
}
