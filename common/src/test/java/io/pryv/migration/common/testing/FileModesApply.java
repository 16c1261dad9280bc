package io.pryv.migration.common.testing;

import io.pryv.migration.common.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a program so that file modes apply to it, which is how a test sees "permission denied" where
 * it runs as root (CI does): as root, through {@code setpriv} without the two capabilities that let
 * root read and write any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); as another user, as is.
 */
public final class FileModesApply {
  private FileModesApply() {}

  /**
   * The command that runs {@code command} with file modes applying (skips or fails the test without
   * setpriv).
   */
  public static List<String> command(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    Path setpriv = RequiredPrograms.require("setpriv");
    List<String> full =
        new ArrayList<>(
            List.of(
                setpriv.toString(),
                "--inh-caps=-dac_override,-dac_read_search",
                "--bounding-set=-dac_override,-dac_read_search"));
    full.addAll(command);
    return full;
  }

  /**
   * Runs a tool's built jar with file modes applying (skips, or fails under CI, when the jar is not
   * built).
   */
  public static ProcessRunner.Result runJar(Path jar, String... args) {
    RequiredPrograms.requireThat(Files.exists(jar), jar + " is built by mvn package");
    List<String> command =
        new ArrayList<>(List.of(java(), "-jar", jar.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return ProcessRunner.local().run(command(command), Path.of("."), Duration.ofSeconds(60));
  }

  /** Makes everything below dir ours to delete again (a test took permissions away). */
  public static void restoreModes(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.toList()) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  /** The java program running this test, to start a tool's jar with. */
  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
