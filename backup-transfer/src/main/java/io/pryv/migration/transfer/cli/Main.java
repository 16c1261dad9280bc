package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.ssh.CryptoWarmUp;
import java.time.Clock;

/** Wires the process's streams into the tool. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
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
