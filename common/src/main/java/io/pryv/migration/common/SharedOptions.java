package io.pryv.migration.common;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The options every tool has, declared once: {@code -h/--help}, {@code --version}, {@code
 * --verbose}, {@code --json}.
 */
public final class SharedOptions {
  /** -V was nginx-rewriter's and platform-yml-editor's own spelling; every tool says --version. */
  public static final String DEPRECATED_V =
      "-V is deprecated and will be removed in the next release: use --version";

  private SharedOptions() {}

  /** Adds help, version and verbose, and {@code --json} when the tool prints JSON reports. */
  public static Options addTo(Options options, boolean json) {
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    options.addOption(Option.builder().longOpt("version").desc("print the version").get());
    options.addOption(Option.builder().longOpt("verbose").desc("stack traces on errors").get());
    if (json) {
      options.addOption(
          Option.builder().longOpt("json").desc("print one JSON report on stdout").get());
    }
    return options;
  }

  /**
   * Adds {@code -V} as a spelling of {@code --version}, kept for one release by the tools that had
   * it; their parser says {@link #DEPRECATED_V} when it is used.
   */
  public static Options addDeprecatedV(Options options) {
    options.addOption(Option.builder("V").longOpt("version").desc("print the version").get());
    return options;
  }
}
