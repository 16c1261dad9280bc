package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Counts the documents per collection in a mongodump folder for one database ({@code BACKUP/DB/COLL.bson}, or
 * {@code COLL.bson.gz} from {@code --gzip}). A collection with only a {@code .metadata.json} counts 0.
 */
public final class DumpFolderCounter {
  private final HostFiles files;

  public DumpFolderCounter(HostFiles files) {
    this.files = files;
  }

  public SortedMap<String, Long> count(String databaseFolder) throws IOException {
    if (!files.isDirectory(databaseFolder)) {
      throw ToolException.badInput("no dump at " + databaseFolder + " (expected mongodump's DATABASE folder)");
    }
    SortedMap<String, Long> counts = new TreeMap<>();
    for (String name : files.list(databaseFolder)) {
      String path = databaseFolder + "/" + name;
      if (name.endsWith(".bson") || name.endsWith(".bson.gz")) {
        String collection = name.substring(0, name.lastIndexOf(".bson"));
        try (InputStream raw = files.open(path);
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
          counts.put(collection, BsonDocumentCounter.count(in, path));
        }
      } else if (name.endsWith(".metadata.json") || name.endsWith(".metadata.json.gz")) {
        counts.putIfAbsent(name.substring(0, name.lastIndexOf(".metadata.json")), 0L);
      }
    }
    return counts;
  }
}
