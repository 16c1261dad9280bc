package io.pryv.migration.ssh.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A MINA command that runs {@code /bin/sh -c LINE} locally with one pump thread per stream (MINA's
 * own InvertedShellWrapper pumps all three on one thread and deadlocks on large two-way streams
 * such as tar).
 */
final class LocalShellCommand implements Command {
  private final String line;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private Process process;

  LocalShellCommand(String line) {
    this.line = line;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) throws IOException {
    process = new ProcessBuilder("/bin/sh", "-c", line).start();
    Thread stdin = pump(in, process.getOutputStream(), "stdin");
    stdin.setDaemon(true);
    List<Thread> outputs = new ArrayList<>();
    outputs.add(pump(process.getInputStream(), out, "stdout"));
    outputs.add(pump(process.getErrorStream(), err, "stderr"));
    stdin.start();
    outputs.forEach(Thread::start);
    Thread waiter =
        new Thread(
            () -> {
              try {
                int code = process.waitFor();
                for (Thread output : outputs) {
                  output.join();
                }
                exit.onExit(code);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "mina-exec-wait");
    waiter.setDaemon(true);
    waiter.start();
  }

  private static Thread pump(InputStream from, OutputStream to, String name) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try (from;
                  to) {
                int count;
                while ((count = from.read(buffer)) >= 0) {
                  to.write(buffer, 0, count);
                  to.flush();
                }
              } catch (IOException e) {
                // the other side went away: the process or the channel ends
              }
            },
            "mina-exec-" + name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void destroy(ChannelSession channel) {
    if (process != null) {
      process.destroy();
    }
  }
}
