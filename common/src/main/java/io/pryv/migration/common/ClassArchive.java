package io.pryv.migration.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A class-data-sharing archive (AppCDS) for the child JVM that {@link HeapCap} starts: the classes a tool loaded
 * once, mapped ready to use by its next start instead of read from the jar and verified again (~70 ms of a
 * 0.6 s re-run, what starting a second JVM costs). The first run of a tool and use writes the archive as it exits
 * ({@code -XX:ArchiveClassesAtExit}, to a temporary name renamed when the run succeeded); later runs map it
 * ({@code -XX:SharedArchiveFile}). Kept under {@code $XDG_CACHE_HOME/pryv-core-migration} (default
 * {@code ~/.cache}), named after the jar's path, size and time and the JVM's version, so that another jar or JVM
 * never meets an archive it cannot use; one it cannot use anyway is ignored by the JVM. The JVM's messages about
 * archives are turned off: they would land on the tool's stdout. Only for a class path that is one jar.
 */
final class ClassArchive {
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private final Path archive;
  private final Path pending;

  private ClassArchive(Path archive, Path pending) {
    this.archive = archive;
    this.pending = pending;
  }

  /** The archive for this class path and use ({@code push}, {@code check}...), if the class path is one jar. */
  static Optional<ClassArchive> of(String classPath, String use, Path cacheFolder) {
    Path jar = Path.of(classPath);
    // a relative cache folder (no home: user.home is "?") would land in whatever folder the tool was started from
    if (!cacheFolder.isAbsolute() || classPath.contains(":") || !classPath.endsWith(".jar")
        || !Files.isRegularFile(jar)) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(cacheFolder);
      if (!Files.isWritable(cacheFolder)) {
        return Optional.empty();
      }
      String key = jar.toAbsolutePath() + "\0" + Files.size(jar) + "\0" + Files.getLastModifiedTime(jar).toMillis()
          + "\0" + System.getProperty("java.vm.version") + "\0" + use;
      String name = jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-" + use.replaceAll("[^a-z-]", "")
          + "-" + fingerprint(key);
      Path archive = cacheFolder.resolve(name + ".jsa");
      Path pending = cacheFolder.resolve(name + "." + ProcessHandle.current().pid() + ".tmp");
      return Optional.of(new ClassArchive(archive, pending));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code $XDG_CACHE_HOME/pryv-core-migration}, or {@code ~/.cache/pryv-core-migration}. */
  static Path defaultFolder() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("pryv-core-migration");
  }

  /** The child's options: map the archive when there is one, else write it at exit. */
  List<String> jvmOptions() {
    String option = Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive
        : "-XX:ArchiveClassesAtExit=" + pending;
    return Stream.concat(QUIET.stream(), Stream.of(option)).toList();
  }

  /** Once the child ended: keeps an archive it wrote if it ended well, else throws it away. */
  void childEnded(int exitCode) {
    try {
      if (exitCode == 0 && Files.isRegularFile(pending)) {
        Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.deleteIfExists(pending);
    } catch (IOException | RuntimeException e) {
      // a cache: the next run writes it again
    }
  }

  Path archive() {
    return archive;
  }

  /**
   * 64 bits of the key: CRC-32 and String.hashCode (a collision only costs an archive the JVM then ignores; a
   * MessageDigest would load the security providers, ~15 ms of a start this class is meant to shorten).
   */
  private static String fingerprint(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x%08x", crc.getValue(), key.hashCode());
  }
}
