package io.pryv.migration.ssh;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Loads and runs once, on a thread of its own, the Java cryptography a first SSH connection is about to need
 * (curve25519 key exchange, ed25519 host key, AES-GCM, SHA-2). In a freshly started JVM the handshake is mostly
 * class loading and interpreted code, one step after the other on the connecting thread; done ahead on another
 * core, the same work makes the handshake about a third shorter (170 ms to 115 ms here). The first connection
 * of a process starts it, or earlier a tool that sees remote work ahead; a failure here changes nothing, the
 * handshake does its own work.
 */
public final class CryptoWarmUp {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private CryptoWarmUp() {}

  public static void startOnce() {
    if (STARTED.compareAndSet(false, true)) {
      Thread thread = new Thread(CryptoWarmUp::run, "ssh-crypto-warm-up");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private static void run() {
    try {
      KeyPairGenerator curve = KeyPairGenerator.getInstance("XDH");
      curve.initialize(NamedParameterSpec.X25519);
      KeyPair ours = curve.generateKeyPair();
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(ours.getPrivate());
      agreement.doPhase(ours.getPublic(), true);
      agreement.generateSecret();
      MessageDigest.getInstance("SHA-256").digest(new byte[64]);
      MessageDigest.getInstance("SHA-512").digest(new byte[64]);
      // ed25519 host keys: loading is enough (a full signature would double the curve arithmetic, and the JIT
      // would then spend more on compiling it than the handshake gains).
      KeyFactory.getInstance("Ed25519");
      Signature.getInstance("Ed25519");
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"),
          new GCMParameterSpec(128, new byte[12]));
      cipher.doFinal(new byte[64]);
    } catch (GeneralSecurityException | RuntimeException e) {
      // A warm-up only: the handshake reports its own errors.
    }
  }
}
