package io.pryv.migration.ssh;

import io.pryv.migration.common.ExitCleanup;
import io.pryv.migration.common.ToolException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OpenSSH master connection a tool opens for itself ({@code --openssh}): an {@code ssh -M -N}
 * child process whose control socket sits in a private folder (mode 700) of its own, with what ssh
 * says on stderr in a file beside it. The tool owns it: {@link #close} ends it and removes the
 * folder, and so does the JVM's end (exit or halt) when close was never reached.
 */
final class OwnMaster implements AutoCloseable {
  /**
   * The longest folder that keeps the socket within the ~104 bytes of a Unix socket path, with the
   * 17 characters ssh adds to the name while it binds.
   */
  private static final int LONGEST_FOLDER = 80;

  private static final long POLL_MILLIS = 5;

  /** Beyond the connect timeout, for the key exchange and the authentication. */
  private static final Duration HANDSHAKE_MARGIN = Duration.ofSeconds(10);

  private static final Duration STOP_WAIT = Duration.ofSeconds(3);

  private static final Pattern ADDED =
      Pattern.compile("Permanently added '([^']+)' \\(([^)]+)\\) to the list of known hosts");

  private final SshTarget target;
  private final Path folder;
  private final Process process;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OwnMaster(SshTarget target, Path folder, Process process) {
    this.target = target;
    this.folder = folder;
    this.process = process;
  }

  /**
   * Starts the master and returns once its socket answers; an environment error in one line when
   * ssh cannot be run, or ends first (what ssh said), or takes too long. Nothing is left behind on
   * failure.
   */
  static OwnMaster open(SshTarget target, Duration connectTimeout, boolean compress, Path base) {
    Path folder = privateFolder(base);
    SshTarget through = target.withControlPath(Optional.of(folder.resolve("s").toString()));
    ProcessBuilder builder =
        ControlMasterTransport.processBuilder(
                ControlMasterCommand.master(through, connectTimeout, compress))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(folder.resolve("ssh.log").toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      removeFolder(folder);
      throw ToolException.environment(
          "--openssh: cannot run "
              + ControlMasterCommand.SSH
              + " ("
              + e.getMessage()
              + "): install the OpenSSH client, or leave out --openssh to use the built-in one");
    }
    OwnMaster master = new OwnMaster(through, folder, process);
    ExitCleanup.register("ssh-master", master::close);
    try {
      master.awaitAnswer(connectTimeout);
      return master;
    } catch (RuntimeException e) {
      master.close();
      throw e;
    }
  }

  /** The default base: the JVM's temporary folder, or /tmp when its path is too long. */
  static Path defaultBase() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    return tmp.toString().length() <= LONGEST_FOLDER - 30 ? tmp : Path.of("/tmp");
  }

  private static Path privateFolder(Path base) {
    try {
      Path folder =
          Files.createTempDirectory(
              base,
              "pryv-ssh-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      if (folder.toString().length() > LONGEST_FOLDER) {
        removeFolder(folder);
        throw ToolException.environment(
            "--openssh: the temporary folder "
                + base
                + " makes too long a path for an SSH control socket: set TMPDIR to a short one");
      }
      return folder;
    } catch (IOException e) {
      throw ToolException.environment(
          "--openssh: cannot create a private folder in " + base + ": " + e.getMessage());
    }
  }

  /**
   * Waits until the socket answers: ssh makes it once connected and authenticated, and it accepts a
   * connection once ssh listens (a connect from here rather than an {@code ssh -O check}, which
   * costs a process start: 35 ms in a re-run traced with strace); fails with what ssh said when it
   * ends first.
   */
  private void awaitAnswer(Duration connectTimeout) {
    long deadline = System.nanoTime() + connectTimeout.plus(HANDSHAKE_MARGIN).toNanos();
    Path socket = Path.of(target.controlPath().orElseThrow());
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw SshErrors.masterFailed(target, said(), connectTimeout);
        }
        if (Files.exists(socket) && answers(socket)) {
          return;
        }
        process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolException.environment("interrupted while connecting to " + target.display());
    }
    throw ToolException.environment(
        "cannot connect to "
            + target.display()
            + ": ssh was not connected within "
            + connectTimeout.plus(HANDSHAKE_MARGIN).toSeconds()
            + " s"
            + Optional.of(said())
                .filter(text -> !text.isBlank())
                .map(text -> " (ssh: " + lastLine(text) + ")")
                .orElse(""));
  }

  private static boolean answers(Path socket) {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return channel.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  /** The target whose control path is this master's socket. */
  SshTarget target() {
    return target;
  }

  long pid() {
    return process.pid();
  }

  Path folder() {
    return folder;
  }

  boolean isAlive() {
    return process.isAlive() && !closed.get();
  }

  /**
   * {@code [host]:port TYPE} when ssh recorded the host's key (accept-new), as ssh told it; empty
   * when it did not, or when a LogLevel in ~/.ssh/config kept ssh quiet about it.
   */
  Optional<String> acceptedNewHostKey() {
    Matcher added = ADDED.matcher(said());
    return added.find() ? Optional.of(added.group(1) + " " + added.group(2)) : Optional.empty();
  }

  private String said() {
    try {
      Path log = folder.resolve("ssh.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static String lastLine(String text) {
    String stripped = text.replace("\r", "").strip();
    return stripped.substring(stripped.lastIndexOf('\n') + 1);
  }

  /**
   * Ends the master and removes its folder: SIGTERM, on which ssh closes the connection and removes
   * its socket as on {@code ssh -O exit}, without starting one more ssh (an {@code -O exit} and its
   * wait took 0.13 s at the end of a re-run traced with strace); SIGKILL when it does not end
   * within a few seconds. Also run at the JVM's end (exit or halt) when close was not reached; a
   * master that ExitCleanup.stopDescendants has stopped then gets SIGCONT from it and ends.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stop();
    }
  }

  private void stop() {
    try {
      process.destroy();
      if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      removeFolder(folder);
    }
  }

  private static void removeFolder(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // nothing there any more, or nothing more to do about it
    }
  }
}
