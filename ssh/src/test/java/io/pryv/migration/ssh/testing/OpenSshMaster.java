package io.pryv.migration.ssh.testing;

import io.pryv.migration.common.testing.RequiredPrograms;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenSSH master connection to an {@link OpenSshServer}, opened as migrate-core.sh opens its
 * shared one ({@code ssh -M -N -f} with {@code ControlPersist}), its socket at {@code DIR/%C};
 * closed with {@code ssh -O exit}.
 */
public final class OpenSshMaster implements AutoCloseable {
  private final OpenSshServer server;
  private final String controlPath;

  private OpenSshMaster(OpenSshServer server, String controlPath) {
    this.server = server;
    this.controlPath = controlPath;
  }

  /** Opens the master with the server's RSA key and known_hosts; its socket goes in {@code dir}. */
  public static OpenSshMaster open(OpenSshServer server, Path dir)
      throws IOException, InterruptedException {
    RequiredPrograms.require("ssh");
    OpenSshMaster master = new OpenSshMaster(server, dir.toAbsolutePath() + "/%C");
    List<String> command = master.base();
    command.addAll(
        List.of(
            "-i",
            server.rsaKey().toString(),
            "-o",
            "UserKnownHostsFile=" + server.knownHosts(),
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "ControlMaster=yes",
            "-o",
            "ControlPersist=120",
            "-f",
            "-N",
            master.destination()));
    Result opened = run(command);
    if (opened.status != 0) {
      throw new IllegalStateException("ssh -M did not open a master: " + opened.output);
    }
    return master;
  }

  private List<String> base() {
    return new ArrayList<>(
        List.of(
            "ssh",
            "-S",
            controlPath,
            "-p",
            Integer.toString(server.port()),
            "-o",
            "BatchMode=yes"));
  }

  private String destination() {
    return server.user() + "@" + server.host();
  }

  /** The ControlPath to give the tools ({@code DIR/%C}). */
  public String controlPath() {
    return controlPath;
  }

  /** The master's process id, from {@code ssh -O check}. */
  public long pid() throws IOException, InterruptedException {
    Result check = control("check");
    Matcher pid = Pattern.compile("pid=(\\d+)").matcher(check.output);
    if (check.status != 0 || !pid.find()) {
      throw new IllegalStateException("no master answers: " + check.output);
    }
    return Long.parseLong(pid.group(1));
  }

  /** Whether {@code ssh -O check} finds the master. */
  public boolean answers() throws IOException, InterruptedException {
    return control("check").status == 0;
  }

  /** SIGKILL: the master dies without removing its socket (a stale socket). */
  public void kill() throws IOException, InterruptedException {
    long pid = pid();
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
  }

  private Result control(String operation) throws IOException, InterruptedException {
    List<String> command = base();
    command.addAll(List.of("-O", operation, destination()));
    return run(command);
  }

  private record Result(int status, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    // to a file, not a pipe: the master that -f leaves behind may hold what it was given
    Path output = Files.createTempFile("ssh-master", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("ssh did not return: " + command);
      }
      return new Result(
          process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** {@code ssh -O exit}: the master ends (nothing when it is already gone). */
  @Override
  public void close() {
    try {
      control("exit");
    } catch (IOException e) {
      // nothing left to close
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
