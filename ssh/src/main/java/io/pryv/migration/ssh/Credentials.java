package io.pryv.migration.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import io.pryv.migration.common.FastPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Vector;

/**
 * Reads a target's known_hosts file and private key into JSch; a file that cannot be used is one
 * line about it.
 */
final class Credentials {
  private Credentials() {}

  /**
   * Reads known_hosts, then the key. A key that cannot be used fails the connection where JSch asks
   * for it, after the TCP connection and the key exchange: an unreachable host is reported as such,
   * whatever the key file holds.
   */
  static void load(JSch jsch, SshTarget target) {
    try {
      Optional<Path> knownHosts = target.knownHosts();
      if (knownHosts.isPresent() && Files.isRegularFile(knownHosts.get())) {
        jsch.setKnownHosts(knownHosts.get().toString());
      }
    } catch (JSchException e) {
      throw SshErrors.connect(target, e);
    }
    if (target.identity().isPresent()) {
      try {
        addIdentity(jsch, target.identity().get());
      } catch (JSchException e) {
        jsch.setIdentityRepository(new UnusableKey(SshErrors.connect(target, e)));
      }
    }
  }

  /**
   * Unencrypted RSA keys sign with their CRT parameters (several times faster than JSch's own RSA
   * identity), by openssl started now when it is installed (it reads the key while the key exchange
   * runs); every other key is JSch's to load (also RSA with the rsa-crt switch off).
   */
  private static void addIdentity(JSch jsch, Path key) throws JSchException {
    Optional<RsaCrtIdentity> rsa =
        FastPath.RSA_CRT.on() ? RsaCrtIdentity.load(key) : Optional.empty();
    if (rsa.isPresent()) {
      rsa.get().startSigner();
      jsch.addIdentity(rsa.get(), null);
    } else {
      jsch.addIdentity(key.toString());
    }
  }

  /** Lets go of the keys (a signer started ahead and never used stops). */
  static void discard(JSch jsch) {
    try {
      jsch.removeAllIdentity();
    } catch (JSchException e) {
      // nothing held that needs more than dropping
    }
  }

  /** Stands for a key that could not be read: JSch's first look at it throws why. */
  private record UnusableKey(RuntimeException failure) implements IdentityRepository {
    @Override
    public String getName() {
      throw failure;
    }

    @Override
    public int getStatus() {
      throw failure;
    }

    @Override
    public Vector<Identity> getIdentities() {
      throw failure;
    }

    @Override
    public boolean add(byte[] identity) {
      throw failure;
    }

    @Override
    public boolean remove(byte[] blob) {
      throw failure;
    }

    @Override
    public void removeAll() {
      // nothing was read
    }
  }
}
