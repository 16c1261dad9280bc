package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.dockerops.files.HostFiles;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import io.pryv.migration.dockerops.files.RemoteHostFiles;
import io.pryv.migration.ssh.SshConnection;
import io.pryv.migration.ssh.SshOptions;
import io.pryv.migration.ssh.SshProcessRunner;
import io.pryv.migration.ssh.SshTarget;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the commands run and the files are: this machine, or the {@code --host} over one SSH
 * connection.
 */
public final class Machine implements AutoCloseable {
  private final ProcessRunner runner;
  private final HostFiles files;
  private final String where;
  private final Optional<SshConnection> connection; // closed with the machine

  private Machine(
      ProcessRunner runner, HostFiles files, String where, Optional<SshConnection> connection) {
    this.runner = runner;
    this.files = files;
    this.where = where;
    this.connection = connection;
  }

  /** A machine whose commands go to {@code runner} and files to {@code files} (tests). */
  static Machine of(ProcessRunner runner, HostFiles files) {
    return new Machine(runner, files, "", Optional.empty());
  }

  public static Machine local() {
    return new Machine(ProcessRunner.local(), new LocalHostFiles(), "", Optional.empty());
  }

  /**
   * @param timeout the limit of each file operation on the host (the connection has its own, in
   *     {@code ssh})
   * @param log where a line says why an {@code --ssh-control} master was not used (stderr)
   */
  public static Machine connect(
      String userAtHost, SshOptions ssh, Duration timeout, PrintStream log) {
    SshTarget target = ssh.target(userAtHost);
    SshConnection connection =
        SshConnection.open(
            target,
            ssh.connectTimeout(),
            false,
            note -> log.println(DockerOpsTool.NAME + ": " + note));
    return new Machine(
        new SshProcessRunner(connection),
        new RemoteHostFiles(connection, timeout),
        " on " + target.display(),
        Optional.of(connection));
  }

  public ProcessRunner runner() {
    return runner;
  }

  public HostFiles files() {
    return files;
  }

  /** "" here, " on user@host" over SSH: for messages. */
  public String where() {
    return where;
  }

  @Override
  public void close() {
    connection.ifPresent(SshConnection::close);
  }
}
