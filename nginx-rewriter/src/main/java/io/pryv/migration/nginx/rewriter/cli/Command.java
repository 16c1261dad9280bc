package io.pryv.migration.nginx.rewriter.cli;

import io.pryv.migration.common.HostAndPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the command line asks for, once parsed and checked: nothing here has run yet. */
sealed interface Command {

  /**
   * How to test a result with nginx before writing it: not at all, or with this program (null: find
   * it).
   */
  record NginxTest(boolean enabled, String program) {}

  record Redirect(
      Path file,
      HostAndPort target,
      Optional<List<String>> only,
      boolean dryRun,
      NginxTest nginxTest,
      boolean json)
      implements Command {}

  record Rollback(Path file, boolean dryRun, NginxTest nginxTest, boolean json)
      implements Command {}

  record Status(Path file, boolean json) implements Command {}

  record ShowText(String text) implements Command {}
}
