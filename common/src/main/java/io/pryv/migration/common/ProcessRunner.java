package io.pryv.migration.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program as an argument list (never through a shell), with a timeout, capturing its output.
 * Tools take a ProcessRunner as a parameter so that tests can run the real program or point at
 * another one.
 */
public interface ProcessRunner {

  /** What a finished program left: exit code and its whole stdout and stderr as UTF-8 text. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  Result run(List<String> command, Path workingDir, Duration timeout);

  /** The plain local runner. */
  static ProcessRunner local() {
    return LocalProcessRunner.INSTANCE;
  }

  /** Runs programs on this machine. */
  final class LocalProcessRunner implements ProcessRunner {
    static final LocalProcessRunner INSTANCE = new LocalProcessRunner();

    private LocalProcessRunner() {}

    @Override
    public Result run(List<String> command, Path workingDir, Duration timeout) {
      ProcessBuilder builder = new ProcessBuilder(command);
      if (workingDir != null) {
        builder.directory(workingDir.toFile());
      }
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw ToolException.environment("cannot run " + command.get(0) + ": " + e.getMessage(), e);
      }
      try {
        process.getOutputStream().close();
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw ToolException.environment(
              String.join(" ", command)
                  + " did not finish within "
                  + timeout.toSeconds()
                  + " s; it was stopped");
        }
        return new Result(List.copyOf(command), process.exitValue(), out.join(), err.join());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw ToolException.environment("interrupted while running " + command.get(0));
      }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
      return CompletableFuture.supplyAsync(
          () -> {
            try (stream) {
              return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
