package io.pryv.migration.platformyml.command;

import java.util.Optional;

/**
 * How set and set-core-ip write: {@code expect} guards against a concurrent change, {@code
 * followAlias} allows changing a value reached through an alias, {@code backup} keeps FILE.bak.
 */
public record WriteOptions(
    Optional<String> expect, boolean followAlias, boolean dryRun, boolean backup) {
  public WriteOptions {
    expect = expect == null ? Optional.empty() : expect;
  }
}
