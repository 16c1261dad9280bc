package io.pryv.migration.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a program can be started by name, looked up in PATH as the shell does. */
public final class ProgramPath {
  private ProgramPath() {}

  public static boolean has(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
