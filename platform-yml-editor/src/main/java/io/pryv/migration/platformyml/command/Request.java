package io.pryv.migration.platformyml.command;

import io.pryv.migration.platformyml.path.YamlPath;
import java.nio.file.Path;
import java.util.Optional;

/** What the user asked for, parsed and validated by the cli; one record per verb. */
public sealed interface Request {
  Path file();

  boolean json();

  /** How a changing verb writes: {@code expect} guards against a concurrent change. */
  record WriteOptions(
      Optional<String> expect, boolean followAlias, boolean dryRun, boolean backup) {
    public WriteOptions {
      expect = expect == null ? Optional.empty() : expect;
    }
  }

  record Get(Path file, YamlPath path, boolean json) implements Request {}

  record Set(Path file, YamlPath path, String value, WriteOptions write, boolean json)
      implements Request {}

  record ListCores(Path file, boolean json) implements Request {}

  record SetCoreIp(
      Path file, String core, Optional<String> hosting, String ip, WriteOptions write, boolean json)
      implements Request {
    public SetCoreIp {
      hosting = hosting == null ? Optional.empty() : hosting;
    }
  }
}
