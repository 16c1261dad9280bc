package io.pryv.migration.dockerops.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.files.HostFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A portable InfluxDB backup folder ({@code influxd backup -portable}): its {@code *.manifest}
 * files list the meta file and one {@code .tar.gz} per shard with the size of the shard's tar
 * before compression. Checking that every listed file is there and decompresses whole to that size
 * catches an incomplete or corrupt copy before {@code influxd restore} does (it would fail half
 * way).
 */
public final class InfluxBackupFolder {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the manifests list. */
  public record Contents(
      List<String> manifests, SortedSet<String> databases, int files, long bytes) {}

  private final HostFiles files;
  private final String folder;

  public InfluxBackupFolder(HostFiles files, String folder) {
    this.files = files;
    this.folder = folder;
  }

  private long uncompressedSize(String path) throws IOException {
    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(files.open(path), 1 << 16)) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      return -1;
    }
  }

  public Contents verify() throws IOException {
    if (!files.isDirectory(folder)) {
      throw ToolException.badInput("no InfluxDB backup folder at " + folder);
    }
    List<String> manifests =
        files.list(folder).stream().filter(n -> n.endsWith(".manifest")).toList();
    if (manifests.isEmpty()) {
      throw ToolException.badInput(
          "no InfluxDB backup in "
              + folder
              + " (no *.manifest file from influxd backup"
              + " -portable)");
    }
    SortedSet<String> databases = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    int count = 0;
    long bytes = 0;
    for (String manifest : manifests) {
      JsonNode root;
      try {
        root = JSON.readTree(files.readAll(folder + "/" + manifest));
      } catch (IOException e) {
        throw ToolException.badInput(
            folder + "/" + manifest + " is not an InfluxDB backup manifest: " + e.getMessage());
      }
      List<JsonNode> entries = new ArrayList<>();
      if (root.has("meta")) {
        entries.add(root.get("meta"));
      }
      root.path("files").forEach(entries::add);
      for (JsonNode entry : entries) {
        String name = entry.path("fileName").asText("");
        if (entry.has("database")) {
          databases.add(entry.get("database").asText());
        }
        if (name.isEmpty() || name.contains("/")) {
          problems.add(manifest + " lists an unexpected file name '" + name + "'");
          continue;
        }
        String path = folder + "/" + name;
        if (!files.exists(path)) {
          problems.add(name + " is missing");
          continue;
        }
        long expected = entry.path("size").asLong(-1);
        long size = files.size(path);
        if (name.endsWith(".tar.gz") && expected >= 0) {
          // influxd records the shard's tar size before compression: decompress to the end and
          // compare
          long uncompressed = uncompressedSize(path);
          if (uncompressed != expected) {
            problems.add(
                name + " holds " + uncompressed + " bytes of tar, the manifest says " + expected);
          }
        } else if (expected >= 0 && size < expected) {
          problems.add(name + " has " + size + " bytes, the manifest says at least " + expected);
        }
        count++;
        bytes += size;
      }
    }
    if (!problems.isEmpty()) {
      throw ToolException.badInput(
          "the InfluxDB backup in " + folder + " is incomplete: " + String.join("; ", problems));
    }
    return new Contents(manifests, databases, count, bytes);
  }
}
