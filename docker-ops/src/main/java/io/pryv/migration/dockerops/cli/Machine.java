package io.pryv.migration.dockerops.cli;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.dockerops.files.HostFiles;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import java.time.Duration;
import java.util.Optional;

/** Where the commands run and the files are: this machine, or the {@code --host} over one SSH connection. */
public record Machine(ProcessRunner runner, HostFiles files, String where, Optional<AutoCloseable> connection)
    implements AutoCloseable {

  public static Machine local() {
    return new Machine(ProcessRunner.local(), new LocalHostFiles(), "", Optional.empty());
  }

  public static Machine connect(DockerOpsOptions.SshOptions ssh, Duration timeout) {
    throw io.pryv.migration.common.ToolException.environment("--host is not wired yet: the ssh module is not published");
  }

  @Override
  public void close() {
    
  }
}
