package io.pryv.migration.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** One authenticated JSch session to a checked host; each command is an exec channel on it. */
final class JschTransport implements Transport {
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

  private JschTransport(
      SshTarget target, Session session, Duration connectTimeout, Optional<String> acceptedNewKey) {
    this.target = target;
    this.session = session;
    this.connectTimeout = connectTimeout;
    this.acceptedNewKey = acceptedNewKey;
  }

  /** Connects and authenticates, with zlib compression of the whole session when asked. */
  static JschTransport open(SshTarget target, Duration connectTimeout, boolean compress) {
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
      return new JschTransport(target, session, connectTimeout, hostKeys.acceptedNewKey());
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

  @Override
  public Optional<String> acceptedNewHostKey() {
    return acceptedNewKey;
  }

  @Override
  public boolean encryptsHere() {
    return true;
  }

  @Override
  public boolean isConnected() {
    return session.isConnected();
  }

  @Override
  public RemoteProcess start(String line) {
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
      return new JschRemoteProcess(channel, session, line, stdin, stdout.source(), stderr.source());
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
}
