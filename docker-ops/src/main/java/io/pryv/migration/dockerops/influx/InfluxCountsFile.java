package io.pryv.migration.dockerops.influx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.JsonOutput;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;

/**
 * Our proof inside the InfluxDB backup folder, {@code docker-ops-influx-counts.json} (influxd
 * restore only reads {@code *.manifest} files, so it ignores this one): series and points per
 * database when the backup ran, and which influx manifests make the backup.
 */
public record InfluxCountsFile(
    String format,
    String tool,
    String createdAt,
    String backupFolder,
    List<String> influxManifests,
    int files,
    long bytes,
    SortedMap<String, InfluxCounter.Counts> databases) {

  public static final String FORMAT = "pryv-docker-ops/influx-backup-counts/1";
  public static final String FILE_NAME = "docker-ops-influx-counts.json";
  private static final ObjectMapper READER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public void write(HostFiles files, String path) throws IOException {
    files.write(path, (JsonOutput.toJson(this) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public static InfluxCountsFile read(HostFiles files, String path) throws IOException {
    InfluxCountsFile file;
    try {
      // no separate existence check: over SSH each is one more command
      file = READER.readValue(files.readAll(path), InfluxCountsFile.class);
    } catch (java.nio.file.NoSuchFileException e) {
      throw ToolException.badInput(
          "no "
              + FILE_NAME
              + " at "
              + path
              + " (written by docker-ops influx-backup into the backup folder; copy it with the backup)");
    } catch (IOException e) {
      throw ToolException.badInput(path + " is unreadable: " + e.getMessage());
    }
    if (!FORMAT.equals(file.format()) || file.databases() == null) {
      throw ToolException.badInput(path + " is not a docker-ops InfluxDB counts file");
    }
    return file;
  }
}
