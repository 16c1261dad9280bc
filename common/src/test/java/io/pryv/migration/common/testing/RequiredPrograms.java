package io.pryv.migration.common.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pryv.migration.common.ProgramPath;
import java.nio.file.Path;
import java.util.Optional;

/**
 * For integration tests that need a real program (sshd, nginx, influxd, docker): on a developer's
 * machine a missing program skips the test; when the build runs with {@code -Dit.required=true}
 * (scripts/test.sh under CI) it fails it, so CI can never go green by skipping.
 */
public final class RequiredPrograms {
  private RequiredPrograms() {}

  public static boolean required() {
    return Boolean.parseBoolean(System.getProperty("it.required", "false"))
        || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The program's path, or skips (developer machine) or fails (CI) the calling test. */
  public static Path require(String program) {
    Optional<Path> found = find(program);
    if (found.isEmpty()) {
      String message = program + " is not installed (scripts/test.sh installs it)";
      if (required()) {
        fail(message + "; integration tests must run in CI");
      }
      assumeTrue(false, message + "; skipping this integration test");
    }
    return found.get();
  }

  /** Skips or fails (as above) when a condition for an integration test does not hold. */
  public static void requireThat(boolean condition, String whatIsMissing) {
    if (!condition) {
      if (required()) {
        fail(whatIsMissing + "; integration tests must run in CI");
      }
      assumeTrue(false, whatIsMissing + "; skipping this integration test");
    }
  }

  public static Optional<Path> find(String program) {
    return ProgramPath.find(program, System.getenv("PATH"), ProgramPath.SBIN);
  }
}
