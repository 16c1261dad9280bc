package io.pryv.migration.ssh;

import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Commands sent through an OpenSSH master connection someone else opened ({@code ssh -M}, or
 * migrate-core.sh's shared connection): each is an {@code ssh} child process that starts in
 * milliseconds, no key exchange nor signature of its own, the encryption done by the master. The
 * master checked the host key when it connected; this side only finds it at its control path.
 */
final class ControlMasterTransport implements Transport {
  private final SshTarget target;
  private final Duration connectTimeout;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ControlMasterTransport(SshTarget target, Duration connectTimeout) {
    this.target = target;
    this.connectTimeout = connectTimeout;
  }

  /**
   * The transport through the master at the target's control path when one answers there ({@code
   * ssh -O check}); empty otherwise, {@code notes} then told why in one line.
   */
  static Optional<ControlMasterTransport> open(
      SshTarget target, Duration connectTimeout, Consumer<String> notes) {
    String path = target.controlPath().orElseThrow();
    Optional<String> refusal = check(target, connectTimeout);
    if (refusal.isPresent()) {
      notes.accept(
          "no SSH master connection answers at "
              + path
              + " ("
              + refusal.get()
              + "): connecting to "
              + target.display()
              + " on its own");
      return Optional.empty();
    }
    return Optional.of(new ControlMasterTransport(target, connectTimeout));
  }

  /** The transport through a master known to answer (the tool's own, see {@link OwnMaster}). */
  static ControlMasterTransport through(SshTarget target, Duration connectTimeout) {
    return new ControlMasterTransport(target, connectTimeout);
  }

  /** Empty when the master answers; else what ssh said. */
  private static Optional<String> check(SshTarget target, Duration timeout) {
    Process process;
    try {
      process = processBuilder(ControlMasterCommand.check(target)).start();
    } catch (IOException e) {
      return Optional.of("cannot run " + ControlMasterCommand.SSH + ": " + e.getMessage());
    }
    try {
      process.getOutputStream().close();
      process.getInputStream().close();
      // ssh says one line at most: the pipe holds it until the process has ended
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return Optional.of("no answer within " + timeout.toSeconds() + " s");
      }
      int status = process.exitValue();
      String said = lastLine(process.getErrorStream());
      return status == 0
          ? Optional.empty()
          : Optional.of(said.isEmpty() ? "ssh -O check exited with " + status : said);
    } catch (IOException e) {
      process.destroyForcibly();
      return Optional.of(e.getMessage());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw ToolException.environment(
          "interrupted while looking for the SSH master at " + target.controlPath().orElseThrow());
    }
  }

  private static String lastLine(InputStream stream) throws IOException {
    String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8).strip();
    return text.substring(text.lastIndexOf('\n') + 1).strip();
  }

  static ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    ControlMasterCommand.clean(builder.environment());
    return builder;
  }

  @Override
  public RemoteProcess start(String line) {
    if (closed) {
      throw SshErrors.sharedConnectionFailed(target, "starting a remote command", "closed");
    }
    Process process;
    try {
      process = processBuilder(ControlMasterCommand.run(target, connectTimeout, line)).start();
    } catch (IOException e) {
      throw SshErrors.sharedConnectionFailed(target, "starting a remote command", e.getMessage());
    }
    running.add(process);
    process.onExit().thenRun(() -> running.remove(process));
    return new ControlMasterProcess(process, target, line);
  }

  /** Until closed: each command finds the master anew (and connects on its own without one). */
  @Override
  public boolean isConnected() {
    return !closed;
  }

  /** The master encrypts. */
  @Override
  public boolean encryptsHere() {
    return false;
  }

  @Override
  public Optional<String> acceptedNewHostKey() {
    return Optional.empty();
  }

  /** Stops the commands still running, as closing a session would; the master stays. */
  @Override
  public void close() {
    closed = true;
    running.forEach(ControlMasterProcess::stop);
  }
}
