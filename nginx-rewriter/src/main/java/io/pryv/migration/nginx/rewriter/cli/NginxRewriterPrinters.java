package io.pryv.migration.nginx.rewriter.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolRoot.TextPrinter;
import io.pryv.migration.nginx.rewriter.freeze.FreezeOutcome;
import io.pryv.migration.nginx.rewriter.freeze.FreezeState;
import io.pryv.migration.nginx.rewriter.redirect.Rewriter;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * The text of each report: diffs and facts on stdout, warnings on stderr ({@code --json} prints the
 * report record, warnings included).
 */
final class NginxRewriterPrinters {
  private final Consumer<String> warn;

  /**
   * @param warn prints one warning line on stderr
   */
  NginxRewriterPrinters(Consumer<String> warn) {
    this.warn = warn;
  }

  final TextPrinter<Rewriter.Outcome> redirect = this::redirect;

  final TextPrinter<Rewriter.Outcome> rollback = NginxRewriterPrinters::rollback;

  final TextPrinter<FreezeOutcome> freeze = NginxRewriterPrinters::freeze;

  /** The redirect status as it was, then the freeze; --json: "frozen" and "freeze" added. */
  final TextPrinter<StatusReport> status =
      new TextPrinter<>() {
        @Override
        public void text(StatusReport report, PrintStream out) {
          redirectStatus(report.redirect(), out);
          freezeStatus(report.freeze(), out);
        }

        @Override
        public void json(StatusReport report, PrintStream out) {
          ObjectNode node = JsonOutput.mapper().valueToTree(report.redirect());
          node.put("frozen", report.freeze().frozen());
          node.set("freeze", JsonOutput.mapper().valueToTree(report.freeze()));
          JsonOutput.write(node, out);
        }
      };

  private void redirect(Rewriter.Outcome outcome, PrintStream out) {
    diffs(outcome.dryRun(), outcome.files().stream().map(Rewriter.FileResult::diff).toList(), out);
    Rewriter.Unfreeze unfreeze = outcome.unfreeze();
    if (!outcome.changed()) {
      out.println(
          outcome.file() + " is already redirected to " + outcome.target() + ": nothing to do");
    } else if (unfreeze != null && unfreeze.alreadyRedirected()) {
      out.println(
          (outcome.dryRun() ? "dry run, nothing written: would unfreeze " : "unfroze ")
              + outcome.file()
              + ", already redirected to "
              + outcome.target()
              + backups(outcome.files().stream().map(Rewriter.FileResult::backup).toList()));
    } else {
      out.println(
          (outcome.dryRun() ? "dry run, nothing written: would redirect " : "redirected ")
              + outcome.file()
              + " to "
              + outcome.target()
              + backups(outcome.files().stream().map(Rewriter.FileResult::backup).toList()));
    }
    if (unfreeze != null) {
      out.println(
          !unfreeze.wasFrozen()
              ? outcome.file() + " was not frozen: a plain redirect, nothing to unfreeze"
              : (outcome.dryRun()
                      ? "the freeze would be lifted in the same write: writes would pass again ("
                      : "freeze lifted in the same write: writes pass again (")
                  + String.join(", ", unfreeze.files())
                  + ")");
    }
    out.println("upstreams -> " + outcome.target() + ":");
    outcome
        .upstreams()
        .forEach(
            u ->
                out.printf(
                    "  %-22s %s:%d (%d server line%s commented out)%n",
                    u.name(), u.file(), u.line(), u.servers(), u.servers() == 1 ? "" : "s"));
    if (!outcome.proxyPasses().isEmpty()) {
      out.println("proxy_pass switched to https, without URI part:");
      outcome
          .proxyPasses()
          .forEach(p -> out.printf("  %s:%d  %s -> %s%n", p.file(), p.line(), p.from(), p.to()));
    }
    if (!outcome.sslAdditions().isEmpty()) {
      out.println("SNI for the new core:");
      outcome
          .sslAdditions()
          .forEach(
              s ->
                  out.printf(
                      "  %s:%d  %s: %s%n",
                      s.file(), s.line(), s.block(), String.join(" ", s.directives())));
    }
    nginxTest(outcome.nginxTest(), out);
    outcome.warnings().forEach(warn);
    if (outcome.changed() && !outcome.dryRun()) {
      out.println(
          "next: restart only nginx (docker restart pryvio_nginx); undo with: nginx-rewriter rollback "
              + outcome.file());
    }
  }

  private static void rollback(Rewriter.Outcome outcome, PrintStream out) {
    diffs(outcome.dryRun(), outcome.files().stream().map(Rewriter.FileResult::diff).toList(), out);
    if (!outcome.changed()) {
      out.println(outcome.file() + " holds no redirect: nothing to do");
    } else {
      out.println(
          (outcome.dryRun() ? "dry run, nothing written: would restore " : "restored ")
              + outcome.file()
              + " as it was before the redirect"
              + backups(outcome.files().stream().map(Rewriter.FileResult::backup).toList()));
    }
    nginxTest(outcome.nginxTest(), out);
  }

  /** freeze and unfreeze. */
  private static void freeze(FreezeOutcome outcome, PrintStream out) {
    diffs(
        outcome.dryRun(),
        outcome.files().stream().map(FreezeOutcome.FileChange::diff).toList(),
        out);
    String backups =
        backups(outcome.files().stream().map(FreezeOutcome.FileChange::backup).toList());
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
              + backups);
    } else {
      out.println(
          (outcome.dryRun() ? "dry run, nothing written: would unfreeze " : "unfroze ")
              + outcome.file()
              + ": writes pass again"
              + backups);
    }
    if (freeze) {
      out.println(
          "writes (methods other than GET, HEAD, OPTIONS) and websocket upgrades get 503, Retry-After "
              + outcome.retryAfter()
              + ", in:");
      outcome.servers().forEach(s -> out.println("  server block at " + s));
    }
    nginxTest(outcome.nginxTest(), out);
    if (outcome.changed() && !outcome.dryRun()) {
      out.println(
          "next: reload nginx (nginx -s reload; a restart would drop reads)"
              + (freeze ? "; undo with: nginx-rewriter unfreeze " + outcome.file() : ""));
    }
  }

  private static void redirectStatus(Rewriter.Status status, PrintStream out) {
    long redirected = status.upstreams().stream().filter(u -> u.target() != null).count();
    if (status.redirected()) {
      out.println(
          status.file()
              + ": redirected to "
              + String.join(", ", status.targets())
              + " ("
              + redirected
              + " of "
              + status.upstreams().size()
              + " upstreams)");
    } else {
      out.println(status.file() + ": not redirected (" + status.upstreams().size() + " upstreams)");
    }
    status
        .upstreams()
        .forEach(
            u ->
                out.printf(
                    "  %-22s %s:%d  %s%n",
                    u.name(),
                    u.file(),
                    u.line(),
                    u.target() == null ? "not redirected" : "-> " + u.target()));
  }

  private void freezeStatus(FreezeState state, PrintStream out) {
    String blocks = " server block" + (state.servers().size() == 1 ? ")" : "s)");
    if (state.frozen()) {
      out.println(
          state.file()
              + ": frozen: writes get 503 with Retry-After "
              + state.retryAfter()
              + " ("
              + state.frozenCount()
              + " of "
              + state.servers().size()
              + blocks);
    } else {
      out.println(state.file() + ": not frozen (" + state.servers().size() + blocks);
    }
    state
        .servers()
        .forEach(
            s ->
                out.printf(
                    "  server block           %s:%d  %s%n",
                    s.file(), s.line(), s.frozen() ? "frozen" : "not frozen"));
    if (state.frozen() && state.frozenCount() < state.servers().size()) {
      warn.accept(
          "only part of the server blocks are frozen; run freeze again to freeze all of them");
    }
  }

  /** The unified diffs of a dry run. */
  private static void diffs(boolean dryRun, List<String> diffs, PrintStream out) {
    if (dryRun) {
      diffs.forEach(out::print);
    }
  }

  /** " (backup: A, B)", or nothing when no backup was written. */
  private static String backups(List<String> backups) {
    List<String> written = backups.stream().filter(b -> b != null).toList();
    return written.isEmpty() ? "" : " (backup: " + String.join(", ", written) + ")";
  }

  private static void nginxTest(String output, PrintStream out) {
    if (output != null) {
      out.println("nginx -t on the result: passed");
    }
  }
}
