package io.pryv.migration.nginx.conf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The crossplane fixtures copied into the test resources (see corpus/nginx/SOURCES.md). */
public final class CorpusFiles {
  private CorpusFiles() {}

  public static Path dir(String name) {
    try {
      return Path.of(CorpusFiles.class.getResource("/corpus/nginx/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Relative names (with '/') of the files under {@code root} whose name ends with {@code suffix}.
   */
  public static List<String> files(Path root, String suffix) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .filter(name -> name.endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
