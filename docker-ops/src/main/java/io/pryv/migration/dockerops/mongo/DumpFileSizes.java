package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The files of a dump's database folder by name and byte size: recorded in the manifest by the
 * dump, compared by the restore before anything is restored. One listing, no content read: the
 * transfer already proved each file's bytes, and the restore counts the restored documents.
 */
final class DumpFileSizes {
  private DumpFileSizes() {}

  static SortedMap<String, Long> of(HostFiles files, String databaseFolder) throws IOException {
    try {
      return files.fileSizes(databaseFolder);
    } catch (NoSuchFileException e) {
      throw ToolException.badInput(
          "no dump at " + databaseFolder + " (expected mongodump's DATABASE folder)");
    }
  }

  /**
   * What differs, one line per file: a file of the manifest missing or of another size, and a file
   * mongorestore would read ({@code .bson}, {@code .metadata.json}, gzipped or not) that the
   * manifest does not list. Other extra files are left alone: mongorestore skips them.
   */
  static List<String> differences(SortedMap<String, Long> manifest, SortedMap<String, Long> found) {
    List<String> differences = new ArrayList<>();
    manifest.forEach(
        (name, size) -> {
          Long actual = found.get(name);
          if (actual == null) {
            differences.add(name + ": missing (" + size + " bytes in the manifest)");
          } else if (actual.longValue() != size.longValue()) {
            differences.add(
                name + ": " + size + " bytes in the manifest, " + actual + " bytes in the dump");
          }
        });
    found.forEach(
        (name, size) -> {
          if (!manifest.containsKey(name) && isRestored(name)) {
            differences.add(name + ": not in the manifest (" + size + " bytes in the dump)");
          }
        });
    differences.sort(null);
    return differences;
  }

  private static boolean isRestored(String name) {
    String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    return plain.endsWith(".bson") || plain.endsWith(".metadata.json");
  }
}
