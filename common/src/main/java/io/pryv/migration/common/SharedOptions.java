package io.pryv.migration.common;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The options every tool has, declared once: {@code -h/--help}, {@code --version}, {@code
 * --verbose}, {@code --json}.
 */
public final class SharedOptions {
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
}
