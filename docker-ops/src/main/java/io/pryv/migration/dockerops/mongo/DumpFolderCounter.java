package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Counts the documents per collection in a mongodump folder for one database ({@code
 * BACKUP/DB/COLL.bson}, or {@code COLL.bson.gz} from {@code --gzip}). A collection with only a
 * {@code .metadata.json} counts 0.
 */
public final class DumpFolderCounter {
  private final HostFiles files;

  public DumpFolderCounter(HostFiles files) {
    this.files = files;
  }

  /**
   * The counts of the files read to their end, and why each other one could not be (truncated,
   * corrupt).
   */
  public record Tolerant(SortedMap<String, Long> counts, SortedMap<String, String> unreadable) {}

  /** Counts every collection; a truncated or corrupt file is an error (exit 3). */
  public SortedMap<String, Long> count(String databaseFolder) throws IOException {
    return scan(databaseFolder, null);
  }

  /**
   * Counts every collection; a truncated or corrupt file is reported for its collection, not
   * thrown.
   */
  public Tolerant countTolerant(String databaseFolder) throws IOException {
    SortedMap<String, String> unreadable = new TreeMap<>();
    SortedMap<String, Long> counts = scan(databaseFolder, unreadable);
    return new Tolerant(counts, unreadable);
  }

  private SortedMap<String, Long> scan(String databaseFolder, SortedMap<String, String> unreadable)
      throws IOException {
    if (!files.isDirectory(databaseFolder)) {
      throw ToolException.badInput(
          "no dump at " + databaseFolder + " (expected mongodump's DATABASE folder)");
    }
    SortedMap<String, Long> counts = new TreeMap<>();
    for (String name : files.list(databaseFolder)) {
      String path = databaseFolder + "/" + name;
      if (name.endsWith(".bson") || name.endsWith(".bson.gz")) {
        String collection = name.substring(0, name.lastIndexOf(".bson"));
        try (InputStream raw = files.open(path);
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
          counts.put(collection, BsonDocumentCounter.count(in, path));
        } catch (ToolException e) {
          if (unreadable == null || e.exitCode() != ExitCode.BAD_INPUT) {
            throw e; // SSH or I/O trouble is no property of the file
          }
          unreadable.put(collection, e.getMessage());
        } catch (ZipException | EOFException e) {
          if (unreadable == null) {
            throw e;
          }
          unreadable.put(
              collection, path + ": " + e.getMessage() + " (the gzip stream is cut or corrupt)");
        }
      } else if (name.endsWith(".metadata.json") || name.endsWith(".metadata.json.gz")) {
        String collection = name.substring(0, name.lastIndexOf(".metadata.json"));
        if (unreadable == null || !unreadable.containsKey(collection)) {
          counts.putIfAbsent(collection, 0L);
        }
      }
    }
    return counts;
  }
}
