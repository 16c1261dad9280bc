package io.pryv.migration.nginx.rewriter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pryv's cluster-core site-443.conf, the file the CLI tests work on. */
final class PryvSite {
  private PryvSite() {}

  /** A copy named site-443.conf in {@code folder}. */
  static Path copyInto(Path folder) throws IOException {
    try (InputStream in = PryvSite.class.getResourceAsStream("/pryv/cluster-core.site-443.conf")) {
      return Files.write(folder.resolve("site-443.conf"), in.readAllBytes());
    }
  }
}
