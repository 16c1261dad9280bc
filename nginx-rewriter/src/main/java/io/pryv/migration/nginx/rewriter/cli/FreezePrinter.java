package io.pryv.migration.nginx.rewriter.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.nginx.rewriter.freeze.FreezeOutcome;
import io.pryv.migration.nginx.rewriter.freeze.FreezeState;
import java.io.PrintStream;

/** The human text of freeze, unfreeze, and the freeze part of status. */
final class FreezePrinter {
  private final PrintStream out;
  private final PrintStream err;

  FreezePrinter(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void outcome(FreezeOutcome outcome) {
    if (outcome.dryRun()) {
      outcome.files().forEach(f -> out.print(f.diff()));
    }
    boolean freeze = outcome.command().equals("freeze");
    if (!outcome.changed()) {
      out.println(
          outcome.file()
              + (freeze
                  ? " is already frozen with Retry-After " + outcome.retryAfter()
                  : " holds no freeze")
              + ": nothing to do");
    } else if (freeze) {
      out.println(
          (outcome.dryRun() ? "dry run, nothing written: would freeze " : "froze ")
              + outcome.file()
              + backups(outcome));
    } else {
      out.println(
          (outcome.dryRun() ? "dry run, nothing written: would unfreeze " : "unfroze ")
              + outcome.file()
              + ": writes pass again"
              + backups(outcome));
    }
    if (freeze) {
      out.println(
          "writes (methods other than GET, HEAD, OPTIONS) and websocket upgrades get 503, Retry-After "
              + outcome.retryAfter()
              + ", in:");
      outcome.servers().forEach(s -> out.println("  server block at " + s));
    }
    if (outcome.nginxTest() != null) {
      out.println("nginx -t on the result: passed");
    }
    if (outcome.changed() && !outcome.dryRun()) {
      out.println(
          "next: reload nginx (nginx -s reload; a restart would drop reads)"
              + (freeze ? "; undo with: nginx-rewriter unfreeze " + outcome.file() : ""));
    }
  }

  void status(FreezeState state) {
    if (state.frozen()) {
      out.println(
          state.file()
              + ": frozen: writes get 503 with Retry-After "
              + state.retryAfter()
              + " ("
              + state.frozenCount()
              + " of "
              + state.servers().size()
              + " server block"
              + (state.servers().size() == 1 ? ")" : "s)"));
    } else {
      out.println(
          state.file()
              + ": not frozen ("
              + state.servers().size()
              + " server block"
              + (state.servers().size() == 1 ? ")" : "s)"));
    }
    state
        .servers()
        .forEach(
            s ->
                out.printf(
                    "  server block           %s:%d  %s%n",
                    s.file(), s.line(), s.frozen() ? "frozen" : "not frozen"));
    if (state.frozen() && state.frozenCount() < state.servers().size()) {
      err.println(
          NginxRewriterTool.NAME
              + ": warning: only part of the server blocks are frozen; run freeze "
              + "again to freeze all of them");
    }
  }

  /** The status JSON: the redirect status as it was, plus "frozen" and the freeze details. */
  static ObjectNode statusJson(Object redirectStatus, FreezeState state) {
    ObjectNode node = JsonOutput.mapper().valueToTree(redirectStatus);
    node.put("frozen", state.frozen());
    node.set("freeze", JsonOutput.mapper().valueToTree(state));
    return node;
  }

  private static String backups(FreezeOutcome outcome) {
    StringBuilder text = new StringBuilder();
    outcome.files().stream()
        .filter(f -> f.backup() != null)
        .forEach(f -> text.append(text.length() == 0 ? " (backup: " : ", ").append(f.backup()));
    return text.length() == 0 ? "" : text.append(")").toString();
  }
}
