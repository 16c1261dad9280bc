package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.nginx.rewriter.redirect.Rewriter;
import java.io.PrintStream;

/** The human text of each outcome: diffs and facts on stdout, warnings on stderr. */
final class ReportPrinter {
  private final PrintStream out;
  private final PrintStream err;

  ReportPrinter(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void redirect(Rewriter.Outcome outcome) {
    diffs(outcome);
    if (!outcome.changed()) {
      out.println(
          outcome.file() + " is already redirected to " + outcome.target() + ": nothing to do");
    } else {
      out.println(
          (outcome.dryRun() ? "dry run, nothing written: would redirect " : "redirected ")
              + outcome.file()
              + " to "
              + outcome.target()
              + backups(outcome));
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
    nginxTest(outcome);
    outcome.warnings().forEach(w -> err.println(NginxRewriterTool.NAME + ": warning: " + w));
    if (outcome.changed() && !outcome.dryRun()) {
      out.println(
          "next: restart only nginx (docker restart pryvio_nginx); undo with: nginx-rewriter rollback "
              + outcome.file());
    }
  }

  void rollback(Rewriter.Outcome outcome) {
    diffs(outcome);
    if (!outcome.changed()) {
      out.println(outcome.file() + " holds no redirect: nothing to do");
    } else {
      out.println(
          (outcome.dryRun() ? "dry run, nothing written: would restore " : "restored ")
              + outcome.file()
              + " as it was before the redirect"
              + backups(outcome));
    }
    nginxTest(outcome);
  }

  void status(Rewriter.Status status) {
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

  private void diffs(Rewriter.Outcome outcome) {
    if (outcome.dryRun()) {
      outcome.files().forEach(f -> out.print(f.diff()));
    }
  }

  private static String backups(Rewriter.Outcome outcome) {
    StringBuilder text = new StringBuilder();
    outcome.files().stream()
        .filter(f -> f.backup() != null)
        .forEach(f -> text.append(text.length() == 0 ? " (backup: " : ", ").append(f.backup()));
    return text.length() == 0 ? "" : text.append(")").toString();
  }

  private void nginxTest(Rewriter.Outcome outcome) {
    if (outcome.nginxTest() != null) {
      out.println("nginx -t on the result: passed");
    }
  }
}
