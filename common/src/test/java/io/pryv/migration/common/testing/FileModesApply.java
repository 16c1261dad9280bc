package io.pryv.migration.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a program so that file modes apply to it, which is how a test sees "permission denied" where it runs as
 * root (CI does): as root, through {@code setpriv} without the two capabilities that let root read and write any
 * file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); as another user, as is.
 */
public final class FileModesApply {
  private FileModesApply() {}

  /** The command that runs {@code command} with file modes applying (skips or fails the test without setpriv). */
  public static List<String> command(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    Path setpriv = RequiredPrograms.require("setpriv");
    List<String> full = new ArrayList<>(List.of(setpriv.toString(), "--inh-caps=-dac_override,-dac_read_search",
        "--bounding-set=-dac_override,-dac_read_search"));
    full.addAll(command);
    return full;
  }

  /** The java program running this test, to start a tool's jar with. */
  public static String java() {
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
