package io.pryv.migration.dockerops.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SortedMap;

/**
 * The host's file system where the backups live (this machine, or the SSH host): what the dump
 * checker, the manifests and the move-aside need. Paths are absolute POSIX paths validated by the
 * caller.
 */
public interface HostFiles {

  boolean exists(String path) throws IOException;

  boolean isDirectory(String path) throws IOException;

  /** File and folder names directly in {@code dir}, sorted. */
  List<String> list(String dir) throws IOException;

  long size(String path) throws IOException;

  /**
   * The regular files directly in {@code dir} (links followed), name to byte size, from one listing
   * (one command on the SSH host): no content is read.
   *
   * @throws java.nio.file.NoSuchFileException when {@code dir} is not a folder
   */
  SortedMap<String, Long> fileSizes(String dir) throws IOException;

  /**
   * @throws java.nio.file.NoSuchFileException when there is no file at {@code path}
   */
  InputStream open(String path) throws IOException;

  /** Writes the file whole (temp name beside it, then rename). */
  void write(String path, byte[] content) throws IOException;

  /** Renames; never replaces an existing target. */
  void move(String from, String to) throws IOException;

  void createDirectories(String path) throws IOException;

  default byte[] readAll(String path) throws IOException {
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }
}
