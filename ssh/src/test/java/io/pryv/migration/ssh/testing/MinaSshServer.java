package io.pryv.migration.ssh.testing;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import io.pryv.migration.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-JVM Apache MINA SSHD server for fast tests: 127.0.0.1, a free port, an EC host key,
 * public-key login for one generated client key, commands run by {@code /bin/sh -c} on this machine
 * as the current user, SFTP. Needs {@code sshd-core} and {@code sshd-sftp} as test dependencies of
 * the module that uses it.
 */
public final class MinaSshServer implements AutoCloseable {
  private final SshServer server;
  private final Path dir;

  private MinaSshServer(SshServer server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  public static MinaSshServer start(Path dir) throws IOException, JSchException {
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir);
    Path clientKey = dir.resolve("id_ecdsa");
    KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
    pair.writePrivateKey(clientKey.toString());
    pair.writePublicKey(dir.resolve("authorized_keys").toString(), "mina-test");
    pair.dispose();

    SshServer server = SshServer.setUpDefaultServer();
    server.setHost(OpenSshServer.HOST);
    server.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys =
        new SimpleGeneratorHostKeyProvider(dir.resolve("host_key.ser"));
    hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    server.setKeyPairProvider(hostKeys);
    server.setPublickeyAuthenticator(
        new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")));
    server.setCommandFactory((channel, command) -> new LocalShellCommand(command));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    server.start();
    MinaSshServer mina = new MinaSshServer(server, dir);
    PublicKey hostKey;
    try {
      hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
    } catch (Exception e) {
      mina.close();
      throw new IOException("cannot read the generated host key", e);
    }
    Files.writeString(
        mina.knownHosts(),
        "["
            + OpenSshServer.HOST
            + "]:"
            + mina.port()
            + " "
            + PublicKeyEntry.toString(hostKey)
            + "\n");
    return mina;
  }

  public int port() {
    return server.getPort();
  }

  public String user() {
    return System.getProperty("user.name");
  }

  public Path clientKey() {
    return dir.resolve("id_ecdsa");
  }

  /** Re-read by the server when it changes: tests may append client keys. */
  public Path authorizedKeys() {
    return dir.resolve("authorized_keys");
  }

  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  public SshTarget target() {
    return new SshTarget(
        user(),
        OpenSshServer.HOST,
        port(),
        Optional.of(clientKey()),
        Optional.of(knownHosts()),
        false);
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
