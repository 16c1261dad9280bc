package io.pryv.migration.verify.cli;

import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolRoot.TextPrinter;
import io.pryv.migration.verify.check.AccountReport;
import io.pryv.migration.verify.check.CheckReportPrinter;
import io.pryv.migration.verify.check.CheckVerb;
import io.pryv.migration.verify.health.HealthCheck;
import io.pryv.migration.verify.health.HealthVerb;
import io.pryv.migration.verify.seed.SeedVerb;
import io.pryv.migration.verify.snapshot.AccountSummary;
import io.pryv.migration.verify.snapshot.SnapshotVerb;
import io.pryv.migration.verify.snapshot.Snapshotter;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The text and the {@code --json} document of each verify report. */
final class VerifyPrinters {
  private VerifyPrinters() {}

  static final TextPrinter<SeedVerb.Report> SEED =
      new TextPrinter<>() {
        @Override
        public void text(SeedVerb.Report report, PrintStream out) {
          for (SeedVerb.Account account : report.accounts()) {
            out.println(
                "seed: account "
                    + account.user()
                    + ": run "
                    + report.runId()
                    + ", marker stream "
                    + account.root()
                    + ": "
                    + describe(account.written().summary().counts()));
          }
          out.println(
              "seed: manifest written to "
                  + report.manifest()
                  + "; read-only check token(s) written to "
                  + report.tokenFile()
                  + " (mode 0600)");
        }

        @Override
        public void json(SeedVerb.Report report, PrintStream out) {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("runId", report.runId());
          json.put("manifest", report.manifest().toString());
          json.put("tokenFile", report.tokenFile().toString());
          Map<String, Object> accounts = new LinkedHashMap<>();
          for (SeedVerb.Account account : report.accounts()) {
            AccountSummary summary = account.written().summary();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("root", account.root());
            one.put("counts", summary.counts());
            one.put("unsettledSeries", summary.unsettled());
            accounts.put(account.user(), one);
          }
          json.put("accounts", accounts);
          JsonOutput.write(json, out);
        }
      };

  static final TextPrinter<SnapshotVerb.Report> SNAPSHOT =
      new TextPrinter<>() {
        @Override
        public void text(SnapshotVerb.Report report, PrintStream out) {
          for (Snapshotter.AccountResult result : report.accounts()) {
            AccountSummary summary = result.summary();
            out.println(
                "snapshot: account "
                    + result.user()
                    + ": "
                    + describe(summary.counts())
                    + (summary.accessesReadable()
                        ? ""
                        : " (accesses not readable with this token)"));
            if (summary.integrityFailures() > 0) {
              out.println(
                  "snapshot: warning: account "
                      + result.user()
                      + ": "
                      + summary.integrityFailures()
                      + " item(s) do not match their declared integrity on this core already");
            }
          }
          out.println("snapshot: written to " + report.snapshot());
        }

        @Override
        public void json(SnapshotVerb.Report report, PrintStream out) {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("snapshot", report.snapshot().toString());
          Map<String, Object> accounts = new LinkedHashMap<>();
          for (Snapshotter.AccountResult result : report.accounts()) {
            AccountSummary summary = result.summary();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("counts", summary.counts());
            one.put("integrityFailures", summary.integrityFailures());
            one.put("accessesReadable", summary.accessesReadable());
            one.put("unsettledSeries", summary.unsettled());
            accounts.put(result.user(), one);
          }
          json.put("accounts", accounts);
          JsonOutput.write(json, out);
        }
      };

  static final TextPrinter<CheckVerb.Report> CHECK =
      new TextPrinter<>() {
        @Override
        public void text(CheckVerb.Report report, PrintStream out) throws java.io.IOException {
          CheckReportPrinter.text(report.accounts(), out);
        }

        @Override
        public void json(CheckVerb.Report report, PrintStream out) throws java.io.IOException {
          CheckReportPrinter.json(report.accounts(), out);
        }
      };

  static final TextPrinter<HealthVerb.Report> HEALTH =
      (report, out) -> {
        for (HealthCheck.Probe probe : report.probes()) {
          out.printf(
              "%-4s  %-13s %s%n",
              probe.status().toUpperCase(Locale.ROOT), probe.name(), probe.detail());
        }
        String waited =
            report.waitedSeconds() > 0
                ? String.format(Locale.ROOT, " (after waiting %.1f s)", report.waitedSeconds())
                : "";
        out.println("health: " + (report.healthy() ? "ok" : "FAILED") + waited);
      };

  /** "3 streams, 5 events, 1 attachment, 1 series, 0 accesses". */
  static String describe(Map<String, Long> counts) {
    StringBuilder text = new StringBuilder();
    for (String kind : AccountReport.KINDS) {
      if (text.length() > 0) {
        text.append(", ");
      }
      long count = counts.getOrDefault(kind, 0L);
      text.append(count)
          .append(' ')
          .append(kind)
          .append(count == 1 ? "" : kind.equals("series") ? "" : "s");
    }
    return text.toString().replace("accesss", "accesses");
  }
}
