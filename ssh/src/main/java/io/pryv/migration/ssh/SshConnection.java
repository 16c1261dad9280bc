package io.pryv.migration.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One authenticated SSH session (JSch) to a checked host. Runs remote commands from argument lists
 * (each argument quoted for the remote shell), captured or streamed; opens SFTP channels. Several
 * channels may run at once.
 */
public final class SshConnection implements AutoCloseable {
  /** Fast AEAD ciphers first (AES-NI), then the CTR fallbacks every OpenSSH offers. */
  static final String CIPHERS =
      "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr";

  /**
   * JSch's default key exchanges minus the post-quantum ones it can only offer with Bouncy Castle:
   * naming them here spares the availability probe (class loading) that costs a cold JVM tens of
   * milliseconds per connection.
   */
  static final String KEX =
      "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
          + "ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
          + "diffie-hellman-group18-sha512,diffie-hellman-group14-sha256";

  private static final int KEEPALIVE_MILLIS = 15_000;

  /** Output buffered between the session thread and the reader: enough to keep a fast link busy. */
  private static final int PIPE_CAPACITY = 4 * 1024 * 1024;

  private static final int STDERR_PIPE_CAPACITY = 256 * 1024;
  private static final int KEEPALIVE_COUNT = 4;

  private final SshTarget target;
  private final Session session;
  private final Duration connectTimeout;
  private final Optional<String> acceptedNewKey;

  private SshConnection(
      SshTarget target, Session session, Duration connectTimeout, Optional<String> acceptedNewKey) {
    this.target = target;
    this.session = session;
    this.connectTimeout = connectTimeout;
    this.acceptedNewKey = acceptedNewKey;
  }

  public static SshConnection open(SshTarget target, Duration connectTimeout) {
    return open(target, connectTimeout, false);
  }

  /**
   * As {@link #open(SshTarget, Duration)}, with zlib compression of the whole session when asked.
   */
  public static SshConnection open(SshTarget target, Duration connectTimeout, boolean compress) {
    JSch jsch = new JSch();
    Credentials.load(jsch, target);
    KnownHostsPolicy hostKeys =
        new KnownHostsPolicy(
            jsch.getHostKeyRepository(), target.knownHosts(), target.acceptNewHostKey());
    Session session = null;
    try {
      session = jsch.getSession(target.user(), target.host(), target.port());
      session.setHostKeyRepository(hostKeys);
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("HashKnownHosts", "no");
      session.setConfig("PreferredAuthentications", "publickey");
      session.setConfig("prefer_known_host_key_types", "yes");
      session.setConfig("cipher.c2s", CIPHERS);
      session.setConfig("cipher.s2c", CIPHERS);
      session.setConfig("kex", KEX);
      session.setConfig("CheckKexes", "");
      session.setConfig("CheckCiphers", "");
      // ed25519 and ed448 are in every Java from 15 on: probing them only loads classes (Ed448's
      // among them).
      session.setConfig("CheckSignatures", "");
      // Sign at once instead of first asking whether the key would do: one round trip less per
      // connection.
      session.setConfig("enable_pubkey_auth_query", "no");
      session.setConfig("max_input_buffer_size", Integer.toString(4 * 1024 * 1024));
      if (compress) {
        session.setConfig("compression.c2s", "zlib@openssh.com,zlib,none");
        session.setConfig("compression.s2c", "zlib@openssh.com,zlib,none");
      }
      session.setServerAliveInterval(KEEPALIVE_MILLIS);
      session.setServerAliveCountMax(KEEPALIVE_COUNT);
      session.setDaemonThread(true);
      session.connect((int) connectTimeout.toMillis());
      return new SshConnection(target, session, connectTimeout, hostKeys.acceptedNewKey());
    } catch (JSchException e) {
      giveUp(session, jsch);
      throw SshErrors.connect(target, e, connectTimeout);
    } catch (RuntimeException e) {
      giveUp(session, jsch);
      throw e;
    }
  }

  private static void giveUp(Session session, JSch jsch) {
    if (session != null) {
      session.disconnect();
    }
    Credentials.discard(jsch); // a signer started ahead and never used stops
  }

  public SshTarget target() {
    return target;
  }

  /**
   * {@code [host]:port type} when this connection recorded a new host key (accept-new), for the
   * report.
   */
  public Optional<String> acceptedNewHostKey() {
    return acceptedNewKey;
  }

  public boolean isConnected() {
    return session.isConnected();
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
    try {
      ChannelExec channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(line.getBytes(StandardCharsets.UTF_8));
      OutputStream stdin = channel.getOutputStream();
      // Our own pipes, not channel.getInputStream()/getErrStream(): JSch's growable pipe drops data
      // when the
      // reader falls behind (see ChannelPipe).
      ChannelPipe stdout = new ChannelPipe(PIPE_CAPACITY);
      ChannelPipe stderr = new ChannelPipe(STDERR_PIPE_CAPACITY);
      channel.setOutputStream(stdout.sink(), false);
      channel.setErrStream(stderr.sink(), false);
      connect(channel, "a remote command");
      return new RemoteProcess(channel, session, line, stdin, stdout.source(), stderr.source());
    } catch (JSchException | IOException e) {
      throw SshErrors.lost(target, "starting a remote command", e);
    }
  }

  /**
   * Connects a channel just opened on the session; a failure says whether the server refused it,
   * did not answer in time, or the connection went.
   */
  private void connect(Channel channel, String what) {
    long start = System.nanoTime();
    try {
      channel.connect((int) connectTimeout.toMillis());
    } catch (JSchException e) {
      throw SshErrors.channelNotStarted(
          target,
          what,
          e,
          session.isConnected(),
          Duration.ofNanos(System.nanoTime() - start).compareTo(connectTimeout) < 0,
          connectTimeout);
    }
  }

  @Override
  public void close() {
    session.disconnect();
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
