package io.pryv.migration.transfer.manifest;

import io.pryv.migration.transfer.side.Checksum;
import io.pryv.migration.transfer.side.HashLines;
import io.pryv.migration.transfer.side.Side;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.Tree;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SHA-256 manifest of a folder: for each file its path, size, mode, mtime and hash. Written as tab-separated
 * lines ({@code sha256 size mode mtime path}), as {@code sha256sum}-compatible lines ({@code sha256sum -c}
 * accepts them, run from the folder), or as JSON.
 */
public final class Manifest {
  private Manifest() {}

  public record Line(String path, long size, String mode, String mtime, String sha256) {}

  public record Document(String folder, long files, long bytes, List<Line> entries) {}

  public static Document of(Side side, boolean followLinks) throws IOException {
    Tree tree = side.listSource(followLinks).tree();
    List<Entry> files = tree.sortedFiles();
    Map<String, String> hashes = side.hashes(files, followLinks, Checksum.SHA256);
    List<Line> lines = new ArrayList<>();
    long bytes = 0;
    for (Entry file : files) {
      lines.add(new Line(file.path(), file.size(), file.octalMode(), Instant.ofEpochSecond(file.mtime()).toString(),
          hashes.get(file.path())));
      bytes += file.size();
    }
    return new Document(side.describe(), files.size(), bytes, lines);
  }

  public static void writeSha256sum(Document manifest, PrintStream out) {
    for (Line line : manifest.entries()) {
      out.print(HashLines.line(line.sha256(), line.path()));
    }
  }

  /** {@code sha256<TAB>size<TAB>mode<TAB>mtime<TAB>path}, the path escaped like sha256sum does when needed. */
  public static void writeTable(Document manifest, PrintStream out) {
    for (Line line : manifest.entries()) {
      String shown = HashLines.line("", line.path());
      boolean escaped = shown.startsWith("\\");
      String path = escaped ? "\\" + shown.substring(3, shown.length() - 1) : line.path();
      out.print(line.sha256() + "\t" + line.size() + "\t" + line.mode() + "\t" + line.mtime() + "\t" + path + "\n");
    }
  }
}
