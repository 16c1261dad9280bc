package io.pryv.migration.dockerops.files;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.SafeFileWriter;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.ssh.SshConnection;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link HostFiles} on the SSH host, through POSIX/GNU commands run as argument lists ({@code
 * test}, {@code find}, {@code stat}, {@code cat}, {@code dd}, {@code mv}, {@code mkdir}): file
 * contents stream through the channel (binary safe), nothing is held whole in memory except what
 * {@link #readAll} asks for.
 */
public final class RemoteHostFiles implements HostFiles {
  private final SshConnection connection;
  private final Duration timeout;

  public RemoteHostFiles(SshConnection connection, Duration timeout) {
    this.connection = connection;
    this.timeout = timeout;
  }

  private ProcessRunner.Result exec(String... command) {
    return connection.exec(List.of(command), timeout);
  }

  private ProcessRunner.Result execOk(String... command) throws IOException {
    ProcessRunner.Result result = exec(command);
    if (!result.succeeded()) {
      throw new IOException(
          String.join(" ", command)
              + " failed on "
              + connection.target().display()
              + ": "
              + result.stderr().strip());
    }
    return result;
  }

  @Override
  public boolean exists(String path) {
    return exec("test", "-e", path).succeeded();
  }

  @Override
  public boolean isDirectory(String path) {
    return exec("test", "-d", path).succeeded();
  }

  @Override
  public List<String> list(String dir) throws IOException {
    String out =
        execOk("find", dir, "-mindepth", "1", "-maxdepth", "1", "-printf", "%f\\0").stdout();
    List<String> names = new ArrayList<>();
    for (String name : out.split("\0")) {
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public long size(String path) throws IOException {
    return Long.parseLong(execOk("stat", "-L", "-c", "%s", path).stdout().strip());
  }

  @Override
  public SortedMap<String, Long> fileSizes(String dir) throws IOException {
    ProcessRunner.Result result =
        exec(
            "find",
            "-L",
            dir,
            "-mindepth",
            "1",
            "-maxdepth",
            "1",
            "-type",
            "f",
            "-printf",
            "%s\\t%f\\0");
    if (!result.succeeded()) {
      if (!isDirectory(dir)) { // a second command only when the listing failed
        throw new java.nio.file.NoSuchFileException(connection.target().display() + ":" + dir);
      }
      throw new IOException(
          "find "
              + dir
              + " failed on "
              + connection.target().display()
              + ": "
              + result.stderr().strip());
    }
    SortedMap<String, Long> sizes = new TreeMap<>();
    for (String entry : result.stdout().split("\0")) {
      if (!entry.isEmpty()) {
        int tab = entry.indexOf('\t'); // the size comes first: a name may hold a tab
        sizes.put(entry.substring(tab + 1), Long.parseLong(entry.substring(0, tab)));
      }
    }
    return sizes;
  }

  @Override
  public InputStream open(String path) throws IOException {
    if (!exists(path)) {
      throw new java.nio.file.NoSuchFileException(connection.target().display() + ":" + path);
    }
    RemoteProcess process = connection.start(List.of("cat", "--", path));
    process.stdin().close();
    return new FilterInputStream(process.stdout()) {
      @Override
      public void close() throws IOException {
        try {
          int status = process.waitFor(timeout);
          if (status != 0) {
            throw new IOException(
                "cat "
                    + path
                    + " failed on "
                    + connection.target().display()
                    + " (exit "
                    + status
                    + ")");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        } finally {
          process.close();
        }
      }
    };
  }

  /**
   * The remote counterpart of {@link SafeFileWriter#writeAtomically}, which works on this machine's
   * file system only: the host may have no Java, so the same steps run as commands over the one SSH
   * connection. The content goes to the temp name {@link SafeFileWriter} would use, beside the
   * target ({@code dd conv=fsync}: on disk before the rename), then {@code mv -T} renames it over
   * the target (never into a folder of that name); on any failure the temp file is removed. What
   * stays local-only: keeping an existing file's mode and owner, and the backup; docker-ops writes
   * only its own files (manifests, counts) here, new or replaced whole.
   */
  @Override
  public void write(String path, byte[] content) throws IOException {
    int slash = path.lastIndexOf('/');
    String temp = path.substring(0, slash + 1) + SafeFileWriter.tempName(path.substring(slash + 1));
    boolean renamed = false;
    try {
      writeTemp(temp, content);
      execOk("mv", "-f", "-T", "--", temp, path);
      renamed = true;
    } finally {
      if (!renamed) {
        exec("rm", "-f", "--", temp);
      }
    }
  }

  private void writeTemp(String temp, byte[] content) throws IOException {
    try (RemoteProcess process =
        connection.start(List.of("dd", "of=" + temp, "conv=fsync", "status=none"))) {
      try (OutputStream in = process.stdin()) {
        in.write(content);
      }
      byte[] err = process.stderr().readAllBytes();
      process.stdout().readAllBytes();
      int status = process.waitFor(timeout);
      if (status != 0) {
        throw new IOException(
            "writing "
                + temp
                + " failed on "
                + connection.target().display()
                + ": "
                + new String(err, java.nio.charset.StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolException.environment("interrupted while writing " + temp);
    }
  }

  @Override
  public void move(String from, String to) throws IOException {
    if (exists(to)) {
      throw new java.nio.file.FileAlreadyExistsException(connection.target().display() + ":" + to);
    }
    execOk("mv", "-n", "--", from, to);
  }

  @Override
  public void createDirectories(String path) throws IOException {
    execOk("mkdir", "-p", "--", path);
  }
}
