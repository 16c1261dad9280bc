package io.pryv.migration.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a program is found by name: in the folders of PATH, as the shell looks, then in given extra
 * folders.
 */
public final class ProgramPath {
  /** Where daemons (sshd, nginx, influxd) live but a user's PATH often does not look. */
  public static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

  private ProgramPath() {}

  public static boolean has(String program) {
    return find(program).isPresent();
  }

  /** The first executable {@code program} in a folder of this process's PATH. */
  public static Optional<Path> find(String program) {
    return find(program, System.getenv("PATH"), List.of());
  }

  /**
   * The first executable {@code program} in the folders of {@code path} (a PATH value, or null),
   * then extra.
   */
  public static Optional<Path> find(String program, String path, List<String> extra) {
    List<String> folders = new ArrayList<>();
    if (path != null) {
      folders.addAll(List.of(path.split(File.pathSeparator)));
    }
    folders.addAll(extra);
    for (String folder : folders) {
      if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
        return Optional.of(Path.of(folder, program));
      }
    }
    return Optional.empty();
  }
}
