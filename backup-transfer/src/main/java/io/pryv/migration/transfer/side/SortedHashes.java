package io.pryv.migration.transfer.side;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.transfer.tree.ByteWindow;
import io.pryv.migration.transfer.tree.PathOrder;
import io.pryv.migration.transfer.tree.RelativePaths;
import io.pryv.migration.transfer.tree.SortedListing;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The checksums of a side's files, asked for in {@link PathOrder} (the order in which a comparison
 * meets them) and read from a stream in that same order: only the line at hand is held, whatever
 * the number of files. The stream is what {@code hash-everything.sh} prints: the few names that
 * only sha256sum prints unambiguously (held in a map), a line {@code =}, then every other file's
 * line, sorted.
 */
public final class SortedHashes implements FileChecksums {
  private final ByteWindow window;
  private final String origin;
  private final SortedListing.Completion completion;
  private final Map<String, String> odd = new HashMap<>();
  private HashLines.Line current;
  private boolean ended;
  private String previous;
  private String lastRead;
  private boolean finished;

  SortedHashes(InputStream in, String origin, SortedListing.Completion completion)
      throws IOException {
    this.window = new ByteWindow(in, 64 * 1024);
    this.origin = origin;
    this.completion = completion;
    while (true) {
      byte[] line = null;
      int end = nextLineEnd();
      if (end < 0) {
        throw ToolException.environment(
            "unexpected checksums from " + origin + " (no end of the first part)");
      }
      if (end - window.position() == 1 && window.bytes()[window.position()] == '=') {
        window.position(end + 1);
        break;
      }
      HashLines.Line parsed = HashLines.line(window.bytes(), window.position(), end, true);
      odd.put(parsed.name(), parsed.checksum());
      window.position(end + 1);
    }
  }

  /**
   * The checksum of {@code path} (relative), or null when the side has no such file. Paths must be
   * asked for in increasing {@link PathOrder}.
   */
  @Override
  public String checksumOf(String path) throws IOException {
    if (HashLines.needsEscape(path)) {
      return odd.get(path);
    }
    if (previous != null && PathOrder.compare(previous, path) >= 0) {
      throw new IllegalStateException(
          "checksums asked for out of order: " + RelativePaths.printable(path));
    }
    previous = path;
    while (true) {
      if (current == null && !advance()) {
        return null;
      }
      int order = PathOrder.compare(current.name(), path);
      if (order == 0) {
        return current.checksum();
      }
      if (order > 0) {
        return null;
      }
      current = null;
    }
  }

  private boolean advance() throws IOException {
    int end = nextLineEnd();
    if (end < 0) {
      return false;
    }
    HashLines.Line line = HashLines.line(window.bytes(), window.position(), end, true);
    window.position(end + 1);
    if (lastRead != null && PathOrder.compare(lastRead, line.name()) >= 0) {
      throw ToolException.environment(
          "the checksums from "
              + origin
              + " are not sorted (at "
              + RelativePaths.printable(line.name())
              + ")");
    }
    lastRead = line.name();
    current = line;
    return true;
  }

  /**
   * The end of the next line, reading more as needed; -1 at the end (a last line without newline:
   * cut short).
   */
  private int nextLineEnd() throws IOException {
    int scanned = window.position();
    while (true) {
      byte[] bytes = window.bytes();
      for (int i = scanned; i < window.limit(); i++) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      if (ended) {
        return -1;
      }
      scanned = window.limit() - window.position();
      ended = !window.readMore();
      if (ended && window.hasUnread()) {
        throw ToolException.environment("truncated checksums from " + origin);
      }
    }
  }

  /**
   * Reads (and checks the order of) what was not asked for, then has the completion check the exit
   * status.
   */
  @Override
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    while (advance()) {
      current =
          null; // read only to check the order: a stream out of order fails here, before the plan
      // is used
    }
    finished = true;
    completion.complete(true);
  }

  /** Stops reading before the end (a failure elsewhere): the completion stops the script. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      finished = true;
      completion.complete(false);
    }
  }
}
