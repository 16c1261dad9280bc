package io.pryv.migration.ssh;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One SSH connection to a checked host. Runs remote commands from argument lists (each argument
 * quoted for the remote shell), captured or streamed; several may run at once. The commands go over
 * the tool's own JSch session, or, when the target names an OpenSSH control socket ({@code
 * --ssh-control}) where a master connection answers, through that master as {@code ssh} child
 * processes; with {@code --openssh}, through an OpenSSH master the connection opens for itself.
 */
public final class SshConnection implements AutoCloseable {
  private final SshTarget target;
  private final Transport transport;

  private SshConnection(SshTarget target, Transport transport) {
    this.target = target;
    this.transport = transport;
  }

  public static SshConnection open(SshTarget target, Duration connectTimeout) {
    return open(target, connectTimeout, false, note -> {});
  }

  /**
   * As {@link #open(SshTarget, Duration)}, with zlib compression of the whole session when asked.
   */
  public static SshConnection open(SshTarget target, Duration connectTimeout, boolean compress) {
    return open(target, connectTimeout, compress, note -> {});
  }

  /**
   * Connects: through the OpenSSH master at the target's control path when one answers there (the
   * master's own compression and host key check apply), else through a master of its own when the
   * target asks for OpenSSH ({@code --openssh}), else with JSch; {@code notes} hears, in one line,
   * why a control path given was not used.
   */
  public static SshConnection open(
      SshTarget target, Duration connectTimeout, boolean compress, Consumer<String> notes) {
    return open(target, connectTimeout, compress, notes, OwnMaster.defaultBase());
  }

  /** As above, the own master's private folder made under {@code base} (tests). */
  static SshConnection open(
      SshTarget target,
      Duration connectTimeout,
      boolean compress,
      Consumer<String> notes,
      Path base) {
    if (target.controlPath().isPresent()) {
      Optional<ControlMasterTransport> shared =
          ControlMasterTransport.open(target, connectTimeout, notes);
      if (shared.isPresent()) {
        return new SshConnection(target, shared.get());
      }
    }
    if (target.openssh()) {
      return new SshConnection(
          target, OwnMasterTransport.open(target, connectTimeout, compress, base));
    }
    return new SshConnection(target, JschTransport.open(target, connectTimeout, compress));
  }

  /** The master this connection opened for itself ({@code --openssh}), for tests. */
  Optional<OwnMaster> ownMaster() {
    return transport instanceof OwnMasterTransport own
        ? Optional.of(own.master())
        : Optional.empty();
  }

  public SshTarget target() {
    return target;
  }

  /**
   * {@code [host]:port type} when this connection recorded a new host key (accept-new), for the
   * report.
   */
  public Optional<String> acceptedNewHostKey() {
    return transport.acceptedNewHostKey();
  }

  public boolean isConnected() {
    return transport.isConnected();
  }

  /**
   * Whether this JVM encrypts what the commands send and receive (JSch), rather than an OpenSSH
   * master: {@link CryptoWarmUp} is worth its CPU only then.
   */
  public boolean encryptsInThisProcess() {
    return transport.encryptsHere();
  }

  /**
   * Runs an argument list remotely, stdin empty, output captured as UTF-8; returns the remote exit
   * status.
   */
  public ProcessRunner.Result exec(List<String> command, Duration timeout) {
    return execLine(command, RemoteCommand.join(command), timeout);
  }

  /**
   * Runs an already quoted shell line (build it with {@link RemoteCommand}, never from raw user
   * text); {@code command} is only what the result reports.
   */
  ProcessRunner.Result execLine(List<String> command, String line, Duration timeout) {
    try (RemoteProcess process = startLine(line)) {
      process.stdin().close();
      Drain out = Drain.start(process.stdout(), "stdout");
      Drain err = Drain.start(process.stderr(), "stderr");
      int status = process.waitFor(timeout);
      return new ProcessRunner.Result(List.copyOf(command), status, out.text(), err.text());
    } catch (IOException e) {
      throw SshErrors.lost(target, "running " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolException.environment(
          "interrupted while running " + command.get(0) + " on " + target.display());
    }
  }

  /**
   * Starts an argument list remotely with its three streams open (for tar streams and large
   * output).
   */
  public RemoteProcess start(List<String> command) {
    return startLine(RemoteCommand.join(command));
  }

  /** Starts an already quoted shell line; see {@link #execLine}. */
  RemoteProcess startLine(String line) {
    return transport.start(line);
  }

  @Override
  public void close() {
    transport.close();
  }

  /** Reads a stream to its end on its own thread. */
  private static final class Drain {
    private final Thread thread;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile IOException failure;

    private Drain(InputStream in, String name) {
      thread =
          new Thread(
              () -> {
                try {
                  in.transferTo(bytes);
                } catch (IOException e) {
                  failure = e;
                }
              },
              "ssh-" + name);
      thread.setDaemon(true);
    }

    static Drain start(InputStream in, String name) {
      Drain drain = new Drain(in, name);
      drain.thread.start();
      return drain;
    }

    String text() throws InterruptedException {
      thread.join();
      if (failure != null) {
        throw new UncheckedIOException(failure);
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
