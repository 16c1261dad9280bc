package io.pryv.migration.dockerops.influx;

import io.pryv.migration.common.testing.FreePorts;
import io.pryv.migration.common.testing.RequiredPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real influxd 1.x started for a test: own config and data folder, HTTP and RPC on free 127.0.0.1
 * ports.
 */
public final class InfluxdServer implements AutoCloseable {
  private final Process process;
  private final int httpPort;
  private final int rpcPort;
  private final Path log;

  private InfluxdServer(Process process, int httpPort, int rpcPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.rpcPort = rpcPort;
    this.log = log;
  }

  public static InfluxdServer start(Path dir) throws IOException, InterruptedException {
    Path influxd = RequiredPrograms.require("influxd");
    RequiredPrograms.require("influx");
    int http = FreePorts.find();
    int rpc = FreePorts.find();
    while (rpc == http) {
      rpc = FreePorts.find();
    }
    Files.createDirectories(dir);
    String config =
        """
        reporting-disabled = true
        bind-address = "127.0.0.1:%d"
        [meta]
          dir = "%s/meta"
        [data]
          dir = "%s/data"
          wal-dir = "%s/wal"
          query-log-enabled = false
        [http]
          bind-address = "127.0.0.1:%d"
          log-enabled = false
        [monitor]
          store-enabled = false
        """
            .formatted(rpc, dir, dir, dir, http);
    Path conf = dir.resolve("influxdb.conf");
    Files.writeString(conf, config);
    Path log = dir.resolve("influxd.log");
    Process process =
        new ProcessBuilder(influxd.toString(), "-config", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    InfluxdServer server = new InfluxdServer(process, http, rpc, log);
    try {
      FreePorts.awaitListening("127.0.0.1", http, Duration.ofSeconds(30));
      FreePorts.awaitListening("127.0.0.1", rpc, Duration.ofSeconds(30));
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public String http() {
    return "127.0.0.1:" + httpPort;
  }

  public String rpc() {
    return "127.0.0.1:" + rpcPort;
  }

  /** Runs one statement through the real influx client; fails the test on an error. */
  public String execute(String database, String statement)
      throws IOException, InterruptedException {
    List<String> command =
        database == null
            ? List.of("influx", "-host", "127.0.0.1", "-port", "" + httpPort, "-execute", statement)
            : List.of(
                "influx",
                "-host",
                "127.0.0.1",
                "-port",
                "" + httpPort,
                "-database",
                database,
                "-execute",
                statement);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** Writes points with the line protocol through influxd's HTTP /write (loopback). */
  public void insert(String database, List<String> lines) throws IOException, InterruptedException {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://"
                        + http()
                        + "/write?db="
                        + java.net.URLEncoder.encode(
                            database, java.nio.charset.StandardCharsets.UTF_8)
                        + "&precision=s"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(String.join("\n", lines)))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 204) {
      throw new IllegalStateException(
          "write to " + database + " failed: " + response.statusCode() + " " + response.body());
    }
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
