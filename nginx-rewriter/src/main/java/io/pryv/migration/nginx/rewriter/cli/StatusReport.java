package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.nginx.rewriter.freeze.FreezeState;
import io.pryv.migration.nginx.rewriter.redirect.Rewriter;

/**
 * What status found: where the file is redirected, and whether it is frozen. Exit 1 when no
 * upstream is redirected, frozen or not.
 */
record StatusReport(Rewriter.Status redirect, FreezeState freeze) implements VerbReport {
  @Override
  public ExitCode exitCode() {
    return redirect.redirected() ? ExitCode.OK : ExitCode.DIFFERENCE;
  }
}
