package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.nginx.rewriter.freeze.FreezeMarks;
import io.pryv.migration.nginx.rewriter.freeze.FreezeOutcome;
import io.pryv.migration.nginx.rewriter.freeze.Freezer;
import io.pryv.migration.nginx.rewriter.nginxtest.NginxSandbox;
import io.pryv.migration.nginx.rewriter.redirect.Rewriter;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Builds each verb's class from the options and runs it: {@link Rewriter} (redirect, rollback,
 * status) and {@link Freezer} (freeze, unfreeze, the freeze part of status). Each returns its
 * report; printing is {@link NginxRewriterPrinters}' job.
 */
final class NginxRewriterVerbs {
  private final NginxRewriterOptions options;
  private final Optional<NginxSandbox> nginxTest;

  NginxRewriterVerbs(
      NginxRewriterOptions options, Map<String, String> environment, ProcessRunner runner) {
    this.options = options;
    NginxTest test = options.nginxTest();
    this.nginxTest =
        test.enabled()
            ? Optional.of(
                new NginxSandbox(NginxSandbox.locate(test.program(), environment), runner))
            : Optional.empty();
  }

  /** With --unfreeze, the freeze's lines go in the same write. */
  Rewriter.Outcome redirect() throws IOException {
    return new Rewriter(nginxTest)
        .redirect(
            options.file(),
            options.target(),
            options.only(),
            options.dryRun(),
            options.unfreeze() ? Optional.of(FreezeMarks::unfrozen) : Optional.empty());
  }

  Rewriter.Outcome rollback() throws IOException {
    return new Rewriter(nginxTest).rollback(options.file(), options.dryRun());
  }

  FreezeOutcome freeze() throws IOException {
    return new Freezer(nginxTest).freeze(options.file(), options.retryAfter(), options.dryRun());
  }

  FreezeOutcome unfreeze() throws IOException {
    return new Freezer(nginxTest).unfreeze(options.file(), options.dryRun());
  }

  StatusReport status() throws IOException {
    return new StatusReport(
        new Rewriter(Optional.empty()).status(options.file()),
        new Freezer(Optional.empty()).state(options.file()));
  }
}
