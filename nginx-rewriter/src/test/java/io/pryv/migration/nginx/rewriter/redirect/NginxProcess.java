package io.pryv.migration.nginx.rewriter.redirect;

import io.pryv.migration.common.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in the foreground (daemon off), with its prefix in a test folder; stopped by
 * close().
 */
public final class NginxProcess implements AutoCloseable {
  private final Process process;
  private final Path prefix;

  private NginxProcess(Process process, Path prefix) {
    this.process = process;
    this.prefix = prefix;
  }

  /** Starts nginx on prefix/nginx.conf and waits until it listens on host:port. */
  public static NginxProcess start(Path nginx, Path prefix, String host, int port)
      throws Exception {
    Files.createDirectories(prefix.resolve("logs"));
    Process process =
        new ProcessBuilder(
                List.of(
                    nginx.toString(),
                    "-p",
                    prefix + "/",
                    "-c",
                    prefix.resolve("nginx.conf").toString(),
                    "-g",
                    "daemon off;"))
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
            .start();
    NginxProcess started = new NginxProcess(process, prefix);
    try {
      FreePorts.awaitListening(host, port, Duration.ofSeconds(20));
    } catch (IllegalStateException e) {
      started.close();
      throw new IllegalStateException("nginx did not start: " + started.logs(), e);
    }
    return started;
  }

  /** nginx -t on a config, with its output. */
  public static String test(Path nginx, Path prefix) throws Exception {
    Files.createDirectories(prefix.resolve("logs"));
    Process process =
        new ProcessBuilder(
                List.of(
                    nginx.toString(),
                    "-t",
                    "-p",
                    prefix + "/",
                    "-c",
                    prefix.resolve("nginx.conf").toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    return process.waitFor() == 0 ? "ok\n" + output : "FAILED\n" + output;
  }

  public String logs() throws IOException {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("logs/stdout.log", "logs/error.log")) {
      Path log = prefix.resolve(name);
      if (Files.exists(log)) {
        text.append(Files.readString(log));
      }
    }
    return text.toString();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
