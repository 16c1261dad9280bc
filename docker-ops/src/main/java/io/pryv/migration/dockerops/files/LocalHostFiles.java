package io.pryv.migration.dockerops.files;

import io.pryv.migration.common.SafeFileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** {@link HostFiles} on this machine. */
public final class LocalHostFiles implements HostFiles {

  @Override
  public boolean exists(String path) {
    return Files.exists(Path.of(path));
  }

  @Override
  public boolean isDirectory(String path) {
    return Files.isDirectory(Path.of(path));
  }

  @Override
  public List<String> list(String dir) throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(dir))) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public long size(String path) throws IOException {
    return Files.size(Path.of(path));
  }

  @Override
  public SortedMap<String, Long> fileSizes(String dir) throws IOException {
    Path folder = Path.of(dir);
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(dir);
    }
    SortedMap<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (Files.isRegularFile(entry)) {
          sizes.put(entry.getFileName().toString(), Files.size(entry));
        }
      }
    }
    return sizes;
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(Path.of(path));
  }

  @Override
  public void write(String path, byte[] content) {
    SafeFileWriter.writeAtomically(Path.of(path), content);
  }

  @Override
  public void move(String from, String to) throws IOException {
    Files.move(Path.of(from), Path.of(to), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void createDirectories(String path) throws IOException {
    Files.createDirectories(Path.of(path));
  }
}
