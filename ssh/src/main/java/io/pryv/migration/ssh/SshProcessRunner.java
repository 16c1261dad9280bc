package io.pryv.migration.ssh;

import io.pryv.migration.common.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link ProcessRunner} that runs the argument list on the connected host: a tool written against
 * ProcessRunner works locally or over SSH unchanged. The working directory becomes a quoted {@code
 * cd 'DIR' &&}.
 */
public final class SshProcessRunner implements ProcessRunner {
  private final SshConnection connection;

  public SshProcessRunner(SshConnection connection) {
    this.connection = connection;
  }

  @Override
  public Result run(List<String> command, Path workingDir, Duration timeout) {
    if (workingDir == null) {
      return connection.exec(command, timeout);
    }
    // The remote path is POSIX; Path.toString keeps the separators as given on a POSIX client.
    String line = RemoteCommand.inDirectory(workingDir.toString(), command);
    return connection.execLine(command, line, timeout);
  }
}
