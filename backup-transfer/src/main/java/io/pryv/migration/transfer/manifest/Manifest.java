package io.pryv.migration.transfer.manifest;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.transfer.plan.Plan;
import io.pryv.migration.transfer.plan.Spool;
import io.pryv.migration.transfer.side.Background;
import io.pryv.migration.transfer.side.Checksum;
import io.pryv.migration.transfer.side.FileChecksums;
import io.pryv.migration.transfer.side.HashLines;
import io.pryv.migration.transfer.side.Side;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.PathOrder;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A SHA-256 manifest of a folder: for each file its path, size, mode, mtime and hash, in {@link
 * PathOrder}. Written as tab-separated lines ({@code sha256 size mode mtime path}), as {@code
 * sha256sum}-compatible lines ({@code sha256sum -c} accepts them, run from the folder), or as JSON.
 * The folder is listed sorted while every file is hashed, and the lines go to a spool file: a tree
 * of any size takes the same memory.
 */
public final class Manifest {
  private Manifest() {}

  public record Line(String path, long size, String mode, String mtime, String sha256) {}

  public record Document(String folder, long files, long bytes, Plan.Spooled<Line> entries) {}

  public static Document of(Side side, boolean followLinks) throws IOException {
    Spool lines = Spool.ofText();
    long files = 0;
    long bytes = 0;
    CompletableFuture<FileChecksums> hashing = null;
    try (EntryReader listing = side.listSorted(followLinks)) {
      // The folder exists and is being listed (a missing one fails above, with nothing started):
      // hash its files.
      hashing =
          Background.supplyIo("bt-hashes", () -> side.checksums(followLinks, Checksum.SHA256));
      try (FileChecksums hashes = Background.await(hashing)) {
        for (Entry entry = listing.next(); entry != null; entry = listing.next()) {
          if (!entry.isFile()) {
            continue;
          }
          String hash = hashes.checksumOf(entry.path());
          if (hash == null) {
            throw ToolException.environment(
                RelativePaths.printable(entry.path())
                    + " went away while the manifest of "
                    + side.describe()
                    + " was made; run again");
          }
          // NUL joins the fields: no path holds one, and the path comes last.
          lines.path(
              String.join(
                  "\0",
                  hash,
                  Long.toString(entry.size()),
                  entry.octalMode(),
                  Long.toString(entry.mtime()),
                  entry.path()));
          files++;
          bytes += entry.size();
        }
        hashes.finish();
      }
    } catch (IOException | RuntimeException e) {
      Background.closeWhenDone(hashing);
      throw e;
    }
    return new Document(side.describe(), files, bytes, lines.texts().map(Manifest::line));
  }

  private static Line line(String spooled) {
    String[] fields = spooled.split("\0", 5);
    return new Line(
        fields[4],
        Long.parseLong(fields[1]),
        fields[2],
        Instant.ofEpochSecond(Long.parseLong(fields[3])).toString(),
        fields[0]);
  }

  public static void writeSha256sum(Document manifest, PrintStream out) {
    for (Line line : manifest.entries()) {
      out.print(HashLines.line(line.sha256(), line.path()));
    }
  }

  /**
   * {@code sha256<TAB>size<TAB>mode<TAB>mtime<TAB>path}, the path escaped like sha256sum does when
   * needed.
   */
  public static void writeTable(Document manifest, PrintStream out) {
    for (Line line : manifest.entries()) {
      String shown = HashLines.line("", line.path());
      boolean escaped = shown.startsWith("\\");
      String path = escaped ? "\\" + shown.substring(3, shown.length() - 1) : line.path();
      out.print(
          line.sha256()
              + "\t"
              + line.size()
              + "\t"
              + line.mode()
              + "\t"
              + line.mtime()
              + "\t"
              + path
              + "\n");
    }
  }
}
