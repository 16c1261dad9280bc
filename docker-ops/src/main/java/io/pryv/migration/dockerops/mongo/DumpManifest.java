package io.pryv.migration.dockerops.mongo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.IOException;
import java.util.SortedMap;

/**
 * The proof written beside a dump, {@code BACKUP/DATABASE.dump-manifest.json}: documents per
 * collection counted in the live database when the dump ran and in the dump's BSON files (equal, or
 * the dump failed). The restore reads it back and compares the destination database with {@code
 * dumpCounts}, and first checks the copy against {@code dumpFiles}, the byte size of every file of
 * the database folder (null in a manifest written before they were recorded). Outside the database
 * folder, so mongorestore ignores it ("don't know what to do with file").
 */
public record DumpManifest(
    String format,
    String tool,
    String createdAt,
    String database,
    String dumpFolder,
    String liveCountedBy,
    SortedMap<String, Long> liveCounts,
    SortedMap<String, Long> dumpCounts,
    long totalDocuments,
    SortedMap<String, Long> dumpFiles) {

  public static final String FORMAT = "pryv-docker-ops/mongo-dump-manifest/1";
  private static final ObjectMapper READER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static String fileName(String database) {
    return database + ".dump-manifest.json";
  }

  public void write(HostFiles files, String path) throws IOException {
    files.write(
        path, (JsonOutput.toJson(this) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static DumpManifest read(HostFiles files, String path) throws IOException {
    DumpManifest manifest;
    try {
      // no separate existence check: over SSH each is one more command
      manifest = READER.readValue(files.readAll(path), DumpManifest.class);
    } catch (java.nio.file.NoSuchFileException e) {
      throw ToolException.badInput(
          "no dump manifest at "
              + path
              + " (written by docker-ops mongo-dump beside the dump; copy it with the dump; for a dump made by hand,"
              + " docker-ops mongo-check --write-manifest writes one from the BSON files)");
    } catch (IOException e) {
      throw ToolException.badInput(path + " is not a dump manifest: " + e.getMessage());
    }
    if (!FORMAT.equals(manifest.format()) || manifest.dumpCounts() == null) {
      throw ToolException.badInput(
          path
              + " is not a docker-ops dump manifest (format '"
              + manifest.format()
              + "', expected '"
              + FORMAT
              + "')");
    }
    return manifest;
  }
}
