package io.pryv.migration.transfer.side;

import io.pryv.migration.common.ToolException;

/**
 * A side script's non-zero exit status as the one-line error the user sees, the same whichever side
 * ran it: 3 is bad input (a missing folder, a file where a folder was expected), its message alone;
 * any other status an environment failure naming the work, where it ran, the status and the
 * script's message.
 */
final class ScriptFailure {
  private ScriptFailure() {}

  static ToolException of(int status, String stderr, String what, String where) {
    String message = stderr.strip().replace('\n', ';');
    if (status == 3) {
      return ToolException.badInput(message.isEmpty() ? what + " failed" : message);
    }
    return ToolException.environment(
        what
            + " failed on "
            + where
            + " (exit "
            + status
            + ")"
            + (message.isEmpty() ? "" : ": " + message));
  }
}
