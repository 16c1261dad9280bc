package io.pryv.migration.ssh;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import io.pryv.migration.common.FastPath;
import io.pryv.migration.common.Futures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;

/**
 * The known_hosts file and the private key, read on a thread of their own while the connection starts. JSch
 * needs the known host keys when it writes its first key-exchange message (after the TCP connection and the
 * version exchange) and the key only to authenticate (after the key exchange); reading both first, in a freshly
 * started JVM, put 25-40 ms of class loading and key parsing in front of the TCP connection. A file that cannot
 * be used fails the connection where JSch asks for it, with the same message as before.
 */
final class PendingCredentials {
  private final CompletableFuture<HostKeyRepository> hostKeys = new CompletableFuture<>();
  private final CompletableFuture<IdentityRepository> identities = new CompletableFuture<>();

  private PendingCredentials() {}

  /** Starts reading {@code target}'s known_hosts file, then its key, into {@code jsch}. */
  static PendingCredentials load(JSch jsch, SshTarget target) {
    PendingCredentials pending = new PendingCredentials();
    if (!FastPath.BACKGROUND_CREDENTIALS.on()) {
      pending.read(jsch, target);
      return pending;
    }
    Thread thread = new Thread(() -> pending.read(jsch, target), "ssh-credentials");
    thread.setDaemon(true);
    thread.start();
    return pending;
  }

  private void read(JSch jsch, SshTarget target) {
    try {
      Optional<Path> knownHosts = target.knownHosts();
      if (knownHosts.isPresent() && Files.isRegularFile(knownHosts.get())) {
        jsch.setKnownHosts(knownHosts.get().toString());
      }
      hostKeys.complete(jsch.getHostKeyRepository());
      if (target.identity().isPresent()) {
        addIdentity(jsch, target.identity().get());
      }
      identities.complete(jsch.getIdentityRepository());
    } catch (JSchException e) {
      fail(SshErrors.connect(target, e));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(RuntimeException failure) {
    hostKeys.completeExceptionally(failure); // no effect once completed
    identities.completeExceptionally(failure);
  }

  /**
   * Unencrypted RSA keys sign with CRT (several times faster), by openssl started now when it is installed;
   * every other key is JSch's to load.
   */
  private static void addIdentity(JSch jsch, Path key) throws JSchException {
    Optional<RsaCrtIdentity> rsa = FastPath.RSA_CRT.on() ? RsaCrtIdentity.load(key) : Optional.empty();
    if (rsa.isPresent()) {
      rsa.get().startSigner();
      jsch.addIdentity(rsa.get(), null);
    } else {
      jsch.addIdentity(key.toString());
    }
  }

  /** The known host keys, once read; a failure to read them is thrown here. */
  HostKeyRepository hostKeys() {
    return Futures.join(hostKeys);
  }

  /** The identities for JSch's public-key authentication, read when JSch first asks for them. */
  IdentityRepository identities() {
    return new DeferredIdentities(identities);
  }

  /** Lets go of the keys once they are read (a signer started ahead and never used stops). */
  void discard() {
    identities.thenAccept(IdentityRepository::removeAll);
  }


  /** JSch's identity repository, waited for at its first use. */
  private static final class DeferredIdentities implements IdentityRepository {
    private final CompletableFuture<IdentityRepository> loaded;

    DeferredIdentities(CompletableFuture<IdentityRepository> loaded) {
      this.loaded = loaded;
    }

    @Override
    public String getName() {
      return Futures.join(loaded).getName();
    }

    @Override
    public int getStatus() {
      return Futures.join(loaded).getStatus();
    }

    @Override
    public Vector<Identity> getIdentities() {
      return Futures.join(loaded).getIdentities();
    }

    @Override
    public boolean add(byte[] identity) {
      return Futures.join(loaded).add(identity);
    }

    @Override
    public boolean remove(byte[] blob) {
      return Futures.join(loaded).remove(blob);
    }

    @Override
    public void removeAll() {
      Futures.join(loaded).removeAll();
    }
  }
}
