package io.pryv.migration.nginx.rewriter.redirect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test resources copied into a temp folder (tests never edit their resources), and golden files.
 */
public final class Fixtures {
  /**
   * Set -Dgolden.update=true to (re)write the expected files under src/test/resources/golden (then
   * review).
   */
  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private Fixtures() {}

  public static byte[] resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path copy(String name, Path dir, String asName) throws IOException {
    Path target = dir.resolve(asName);
    Files.createDirectories(target.getParent());
    Files.write(target, resource(name));
    return target;
  }

  /** A resource folder (from test-classes) copied recursively into dir. */
  public static Path copyFolder(String name, Path dir) throws IOException {
    Path source;
    try {
      source = Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Path target = dir.resolve(source.getFileName().toString());
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path to = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return target;
  }

  /** Every regular file below dir with its bytes, by relative path. */
  public static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(path).toString(), Files.readAllBytes(path));
      }
    }
    return files;
  }

  /** The golden file's bytes; with -Dgolden.update=true, writes actual there first. */
  public static byte[] golden(String name, byte[] actual) throws IOException {
    if (UPDATE) {
      Path file = Path.of("src/test/resources/golden", name);
      Files.createDirectories(file.getParent());
      Files.write(file, actual);
      return actual;
    }
    return resource("golden/" + name);
  }
}
