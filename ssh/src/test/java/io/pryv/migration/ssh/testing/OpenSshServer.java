package io.pryv.migration.ssh.testing;

import io.pryv.migration.common.testing.FreePorts;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.ssh.SshTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} for integration tests: runs as the current user on 127.0.0.1 and a
 * free port, with its own config, ed25519 host key, an {@code authorized_keys} holding two client
 * keys made by ssh-keygen ({@code -t rsa -b 4096}, as in the runbook, and {@code -t ed25519}), and
 * a known_hosts file for the client. Skips the test on a machine without sshd, fails it in CI
 * ({@link RequiredPrograms}).
 */
public final class OpenSshServer implements AutoCloseable {
  public static final String HOST = "127.0.0.1";

  private final Path dir;
  private final int port;
  private final Process process;

  private OpenSshServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Generates keys and config under {@code dir} (a fresh temp folder), starts sshd and waits until
   * it listens.
   */
  public static OpenSshServer start(Path dir) throws IOException, InterruptedException {
    return start(dir, 20);
  }

  /**
   * As {@link #start(Path)}, with at most {@code maxSessions} channels open at once on one
   * connection.
   */
  public static OpenSshServer start(Path dir, int maxSessions)
      throws IOException, InterruptedException {
    Path sshd = RequiredPrograms.require("sshd");
    Path keygen = RequiredPrograms.require("ssh-keygen");
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir);
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep) && "root".equals(System.getProperty("user.name"))) {
      Files.createDirectories(privsep);
    }
    generateKey(keygen, "ed25519", null, dir.resolve("ssh_host_ed25519_key"));
    generateKey(keygen, "rsa", "4096", dir.resolve("id_rsa"));
    generateKey(keygen, "ed25519", null, dir.resolve("id_ed25519"));
    Files.writeString(
        dir.resolve("authorized_keys"),
        Files.readString(dir.resolve("id_rsa.pub"))
            + Files.readString(dir.resolve("id_ed25519.pub")));
    int port = FreePorts.find();
    Files.writeString(
        dir.resolve("known_hosts"),
        "["
            + HOST
            + "]:"
            + port
            + " "
            + publicKeyOnly(dir.resolve("ssh_host_ed25519_key.pub"))
            + "\n");
    Path config = dir.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress " + HOST,
            "HostKey " + dir.resolve("ssh_host_ed25519_key"),
            "PidFile " + dir.resolve("sshd.pid"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "StrictModes no",
            "UsePAM no",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "MaxStartups 50",
            "MaxSessions " + maxSessions,
            "Subsystem sftp internal-sftp",
            "LogLevel ERROR",
            // bash skips ~/.bashrc for a command sent over SSH when SHLVL says it is not the
            // session's first shell: a development machine's (pyenv init: about a second a
            // command) is not a server's, and the tests measure the tools, not it.
            "SetEnv SHLVL=1",
            ""));
    List<String> command =
        new ArrayList<>(List.of(sshd.toString(), "-D", "-e", "-f", config.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    OpenSshServer server = new OpenSshServer(dir, port, process);
    try {
      awaitListening(server);
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalStateException("sshd did not start: " + server.log(), e);
    }
    return server;
  }

  private static void awaitListening(OpenSshServer server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.process.isAlive()) {
        throw new IllegalStateException("sshd exited with " + server.process.exitValue());
      }
      try {
        FreePorts.awaitListening(HOST, server.port, Duration.ofMillis(500));
        return;
      } catch (IllegalStateException notYet) {
        // check that it is still alive, then try again
      }
    }
    throw new IllegalStateException("sshd does not listen on port " + server.port);
  }

  /**
   * Writes a new passphrase-less ed25519 key pair at {@code file} and {@code file.pub} with
   * ssh-keygen (a key the server does not know, or another host key).
   */
  public static void newEd25519Key(Path file) throws IOException, InterruptedException {
    generateKey(RequiredPrograms.require("ssh-keygen"), "ed25519", null, file);
  }

  private static void generateKey(Path keygen, String type, String bits, Path file)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(keygen.toString(), "-q", "-t", type));
    if (bits != null) {
      command.addAll(List.of("-b", bits));
    }
    command.addAll(List.of("-N", "", "-C", "test-" + type, "-f", file.toString()));
    Process keygenProcess = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(keygenProcess.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keygenProcess.waitFor() != 0) {
      throw new IllegalStateException("ssh-keygen failed: " + output);
    }
  }

  private static String publicKeyOnly(Path publicKeyFile) throws IOException {
    String[] fields = Files.readString(publicKeyFile).strip().split("\\s+");
    return fields[0] + " " + fields[1];
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /**
   * The login user: whoever runs the tests (sshd runs unprivileged or as root, as the tests do).
   */
  public String user() {
    return System.getProperty("user.name");
  }

  /** The client key made by {@code ssh-keygen -t rsa -b 4096} (OpenSSH format, no passphrase). */
  public Path rsaKey() {
    return dir.resolve("id_rsa");
  }

  /** The client key made by {@code ssh-keygen -t ed25519}. */
  public Path ed25519Key() {
    return dir.resolve("id_ed25519");
  }

  /** A known_hosts file holding this server's host key under {@code [127.0.0.1]:PORT}. */
  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** The host's public key line ({@code ssh-ed25519 AAAA...}). */
  public String hostPublicKey() {
    try {
      return publicKeyOnly(dir.resolve("ssh_host_ed25519_key.pub"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The target with the RSA key and this server's known_hosts. */
  public SshTarget target() {
    return target(rsaKey());
  }

  public SshTarget target(Path identity) {
    return new SshTarget(
        user(), HOST, port, Optional.of(identity), Optional.of(knownHosts()), false);
  }

  /**
   * Kills (SIGKILL) the sshd processes serving the open connections, as a network failure would end
   * them; the server keeps listening. Returns how many were killed.
   */
  public int dropConnections() {
    List<ProcessHandle> sessions = process.toHandle().children().toList();
    sessions.forEach(ProcessHandle::destroyForcibly);
    return sessions.size();
  }

  /** What sshd printed (errors only, LogLevel ERROR). */
  public String log() {
    try {
      Path log = dir.resolve("sshd.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
