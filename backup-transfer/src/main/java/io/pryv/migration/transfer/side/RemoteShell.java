package io.pryv.migration.transfer.side;

import io.pryv.migration.common.Futures;
import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.ssh.SshConnection;
import io.pryv.migration.ssh.SshTarget;
import io.pryv.migration.transfer.tree.DrainedStream;
import io.pryv.migration.transfer.tree.SortedListing;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@link SideScript}s on an SSH host (whose connection may still be opening) and turns a
 * script's exit status into a one-line error with its message.
 */
public final class RemoteShell {
  private static final Duration LONG = Duration.ofHours(24);

  private final SshTarget target;
  private final CompletableFuture<SshConnection> connecting;

  RemoteShell(SshTarget target, CompletableFuture<SshConnection> connecting) {
    this.target = target;
    this.connecting = connecting;
  }

  SshTarget target() {
    return target;
  }

  /** The connection, once open; its failure (auth, host key...) is thrown here as it was raised. */
  SshConnection connection() {
    return Futures.join(connecting);
  }

  /** Starts {@code script} with these positional arguments. */
  RemoteProcess start(SideScript script, String... args) {
    return connection().start(script.command(args));
  }

  /** A process's stdout drained to disk, and what ends reading it. */
  record Drained(InputStream out, SortedListing.Completion completion) {}

  /**
   * Drains {@code process}'s stdout to disk ({@link DrainedStream}: a listing and a side's
   * checksums are read side by side over one session, and neither may hold up the other). The
   * completion closes both, after checking the exit status ({@code what} names the work in its
   * error) when the stream was read to its end.
   */
  Drained drain(RemoteProcess process, String what) throws IOException {
    CompletableFuture<String> errors = readText(process.stderr());
    InputStream out = DrainedStream.of(process.stdout(), "bt-drain");
    return new Drained(
        out,
        reachedEnd -> {
          try (process;
              out) {
            if (reachedEnd) {
              check(process, errors.join(), what);
            }
          }
        });
  }

  /** Waits for the exit status; a non-zero one becomes a one-line error with the remote message. */
  public void check(RemoteProcess process, String stderr, String what) throws IOException {
    int status;
    try {
      status = process.waitFor(LONG);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what, e);
    }
    if (status != 0) {
      throw ScriptFailure.of(status, stderr, what, target.display());
    }
  }

  /** Waits at most a day for {@code process} to end. */
  static int waitFor(RemoteProcess process) throws InterruptedException {
    return process.waitFor(LONG);
  }

  /** Writes NUL-terminated paths and closes the stream (EOF for the remote reader). */
  public static void writeNulList(OutputStream stdin, Iterable<String> paths) throws IOException {
    try (OutputStream out = new BufferedOutputStream(stdin, 64 * 1024)) {
      for (String path : paths) {
        out.write(path.getBytes(StandardCharsets.UTF_8));
        out.write(0);
      }
    }
  }

  /**
   * Everything {@code in} gives (its first 64 KiB kept), read on a thread of its own; empty on a
   * read error.
   */
  public static CompletableFuture<String> readText(InputStream in) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try (in) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int count;
                while ((count = in.read(buffer)) >= 0) {
                  if (bytes.size() < 64 * 1024) {
                    bytes.write(buffer, 0, count);
                  }
                }
                text.complete(bytes.toString(StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.complete("");
              }
            },
            "remote-stderr");
    thread.setDaemon(true);
    thread.start();
    return text;
  }
}
