package io.pryv.migration.platformyml.cli;

import io.pryv.migration.common.ToolRoot.TextPrinter;
import io.pryv.migration.platformyml.command.CoresReport;
import io.pryv.migration.platformyml.command.EditReport;
import io.pryv.migration.platformyml.command.GetReport;

/** The text of each report ({@code --json} prints the report record). */
public final class PlatformYmlEditorPrinters {
  private PlatformYmlEditorPrinters() {}

  /** The value alone, for scripts: {@code ip=$(platform-yml-editor get ...)}. */
  static final TextPrinter<GetReport> GET = (report, out) -> out.println(report.value());

  static final TextPrinter<CoresReport> LIST_CORES =
      (report, out) -> out.print(CoreTable.render(report.cores()));

  /** set and set-core-ip: what changed (or would), or that nothing had to. */
  public static final TextPrinter<EditReport> EDIT =
      (report, out) -> {
        String subject =
            report.file()
                + ": "
                + (report.core() == null ? "" : report.core() + " ")
                + "'"
                + report.path()
                + "' (line "
                + report.line()
                + ")";
        if (!report.changed()) {
          out.println(
              subject
                  + " is already '"
                  + report.oldValue()
                  + "'; nothing to change, file not written");
        } else if (report.dryRun()) {
          out.print(report.diff());
          out.println(
              "dry run: "
                  + subject
                  + " would change from '"
                  + report.oldValue()
                  + "' to '"
                  + report.newValue()
                  + "'; nothing written");
        } else {
          out.println(
              subject
                  + ": '"
                  + report.oldValue()
                  + "' -> '"
                  + report.newValue()
                  + "'; written"
                  + (report.backup() == null ? "" : ", previous content in " + report.backup()));
        }
      };
}
