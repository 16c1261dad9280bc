package io.pryv.migration.dockerops.permissions;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.VerbReport;
import io.pryv.migration.dockerops.exec.CommandRunner;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ensure-permissions}: what Pryv's {@code ensure-permissions-core} does, {@code chown -R
 * 9999:9999} of {@code pryv/} and {@code config-follower/} under the conf root (the services run as
 * uid 9999 in the containers). Folders that do not exist are named and skipped; a conf root that
 * does not exist is refused (exit 3). {@code sudo -n} in front when asked (never prompts).
 */
public final class EnsurePermissions {
  public static final String DEFAULT_OWNER = "9999:9999";
  public static final List<String> FOLDERS = List.of("pryv", "config-follower");

  public record Report(boolean dryRun, String owner, List<String> changed, List<String> missing)
      implements VerbReport {}

  private final CommandRunner runner;
  private final HostFiles files;
  private final PrintStream log;

  public EnsurePermissions(CommandRunner runner, HostFiles files, PrintStream log) {
    this.runner = runner;
    this.files = files;
    this.log = log;
  }

  public Report run(String confRoot, String owner, boolean sudo) throws IOException {
    if (!files.isDirectory(confRoot)) {
      throw ToolException.badInput(
          "--conf-root "
              + confRoot
              + runner.where()
              + ": no such folder; nothing was"
              + " changed (give the folder that holds pryv/ and config-follower/, usually /var/pryv)");
    }
    List<String> present = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String folder : FOLDERS) {
      String path = confRoot + "/" + folder;
      (files.isDirectory(path) ? present : missing).add(path);
    }
    for (String path : missing) {
      log.println("skipping " + path + runner.where() + ": no such folder");
    }
    if (!present.isEmpty()) {
      List<String> command = new ArrayList<>();
      if (sudo) {
        command.addAll(List.of("sudo", "-n"));
      }
      command.addAll(List.of("chown", "-R", owner, "--"));
      command.addAll(present);
      runner.run(command);
    }
    return new Report(runner.dryRun(), owner, present, missing);
  }
}
