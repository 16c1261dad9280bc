package io.pryv.migration.ssh;

import io.pryv.migration.common.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A remote command run by an {@code ssh} child process through an OpenSSH master: the child's
 * stdin, stdout and stderr are the command's, its exit status the remote one; ssh's own 255 (the
 * connection failed) is an environment error naming what ssh said last on stderr.
 */
final class ControlMasterProcess implements RemoteProcess {
  /** How long a failed ssh's stderr may take to reach its end once ssh has exited. */
  private static final long STDERR_GRACE_MILLIS = 500;

  private final Process process;
  private final SshTarget target;
  private final String description;
  private final TailedStream stderr;

  ControlMasterProcess(Process process, SshTarget target, String description) {
    this.process = process;
    this.target = target;
    this.description = shortened(description);
    this.stderr = new TailedStream(process.getErrorStream());
  }

  /** A side script's whole text is no message: its start says which one it was. */
  private static String shortened(String line) {
    return line.length() <= 160 ? line : line.substring(0, 160) + "...";
  }

  @Override
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  @Override
  public InputStream stdout() {
    return process.getInputStream();
  }

  @Override
  public InputStream stderr() {
    return stderr;
  }

  /** The exit status once ssh has ended; ssh is stopped when the time is up. */
  @Override
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      stop(process);
      throw ToolException.environment(
          "remote command did not finish within " + timeout.toSeconds() + " s: " + description);
    }
    int status = process.exitValue();
    if (status == ControlMasterCommand.SSH_FAILED) {
      String said = stderr.lastLine(STDERR_GRACE_MILLIS);
      throw SshErrors.sharedConnectionFailed(
          target,
          "running " + description,
          said.isEmpty()
              ? "ssh exited with "
                  + status
                  + " (connection lost, or the command killed by a signal)"
              : said);
    }
    return status;
  }

  /** Stops ssh when still running (the master closes the channel: the command gets SIGHUP/EOF). */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // ssh is going away anyway
    }
    stop(process);
  }

  /**
   * SIGTERM to ssh, through its handle: {@code Process.destroy} would also close our ends of its
   * pipes, and a reader would get "Stream closed" where a JSch channel's reader gets the end of the
   * output.
   */
  static void stop(Process process) {
    process.toHandle().destroy();
  }

  /**
   * The child's stderr as the caller reads it, its last bytes kept: what a failed ssh said, for the
   * error.
   */
  private static final class TailedStream extends FilterInputStream {
    private static final int KEPT = 1024;

    private final ByteArrayOutputStream tail = new ByteArrayOutputStream();
    private final CountDownLatch ended = new CountDownLatch(1);

    TailedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      int n = super.read(bytes, offset, length);
      if (n < 0) {
        ended.countDown();
      } else {
        keep(bytes, offset, n);
      }
      return n;
    }

    private synchronized void keep(byte[] bytes, int offset, int length) {
      int count = Math.min(length, KEPT);
      if (tail.size() + count > 2 * KEPT) {
        byte[] kept = tail.toByteArray();
        tail.reset();
        tail.write(kept, kept.length - KEPT, KEPT);
      }
      tail.write(bytes, offset + length - count, count);
    }

    /** The last line read, once the stream has ended or the grace time is over. */
    String lastLine(long graceMillis) throws InterruptedException {
      ended.await(graceMillis, TimeUnit.MILLISECONDS);
      String text;
      synchronized (this) {
        text = tail.toString(StandardCharsets.UTF_8).strip();
      }
      return text.substring(text.lastIndexOf('\n') + 1).strip();
    }
  }
}
