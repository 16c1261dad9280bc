package io.pryv.migration.ssh;

import io.pryv.migration.common.FastPath;
import io.pryv.migration.common.ProgramPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * RSA signatures made by the {@code openssl} command when it is installed. A 4096-bit signature
 * costs openssl about 5 ms; a freshly started JVM needs 100-150 ms for the same modular
 * exponentiation (its big-number code runs interpreted until the JIT catches up), which was the
 * largest single part of connecting. The private key travels only through a pipe (PKCS#8 DER) and
 * never touches the disk. Every signature is verified with the public key before it is used:
 * anything unexpected (openssl missing, too old, failing) gives empty, and the caller signs in
 * Java.
 *
 * <p>A signer is started before the data to sign is known ({@link #start}): openssl starts and
 * reads the key while the SSH key exchange runs, and authentication only hands it the digest (about
 * 25 ms less on the connection's critical path than starting openssl then).
 */
final class OpensslRsaSigner implements AutoCloseable {
  private static final boolean HAS_OPENSSL = ProgramPath.has("openssl");
  private static final long TIMEOUT_SECONDS = 10;

  /**
   * $1 the key's length in bytes, $2 the digest's name, $3 the openssl command. stdin: the key,
   * then (any time later) the digest. head takes exactly the key's bytes, and openssl reads its
   * input (the rest of stdin) only once it has read the key.
   */
  private static final String SCRIPT =
      "exec 3<&0; head -c \"$1\" <&3 | { exec \"$3\" pkeyutl -sign "
          + "-inkey /dev/fd/4 -keyform DER -pkeyopt \"digest:$2\" 4<&0 <&3 3<&-; }";

  private final RSAPrivateCrtKey key;
  private final String jcaAlgorithm;
  private final Digest digest;
  private final Process process;

  private OpensslRsaSigner(
      RSAPrivateCrtKey key, String jcaAlgorithm, Digest digest, Process process) {
    this.key = key;
    this.jcaAlgorithm = jcaAlgorithm;
    this.digest = digest;
    this.process = process;
  }

  /**
   * Starts openssl with {@code key} for one {@code jcaAlgorithm} signature ({@code SHA256withRSA},
   * {@code SHA512withRSA} or {@code SHA1withRSA}); empty when openssl is missing or the algorithm
   * is another.
   */
  static Optional<OpensslRsaSigner> start(RSAPrivateCrtKey key, String jcaAlgorithm) {
    return HAS_OPENSSL && FastPath.OPENSSL_SIGNER.on()
        ? start("openssl", key, jcaAlgorithm)
        : Optional.empty();
  }

  /** As {@link #start(RSAPrivateCrtKey, String)} with the given openssl command. */
  static Optional<OpensslRsaSigner> start(
      String openssl, RSAPrivateCrtKey key, String jcaAlgorithm) {
    Optional<Digest> digest = Digest.of(jcaAlgorithm);
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    byte[] encoded = key.getEncoded();
    Process process = null;
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      "sh",
                      "-c",
                      SCRIPT,
                      "sh",
                      Integer.toString(encoded.length),
                      digest.get().opensslName(),
                      openssl))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      OutputStream stdin = process.getOutputStream();
      stdin.write(encoded);
      stdin.flush();
      return Optional.of(new OpensslRsaSigner(key, jcaAlgorithm, digest.get(), process));
    } catch (IOException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      return Optional.empty();
    }
  }

  /** The algorithm this signer was started for. */
  String jcaAlgorithm() {
    return jcaAlgorithm;
  }

  /**
   * The PKCS#1 v1.5 signature of {@code data}, or empty when openssl did not give a valid one. Once
   * only.
   */
  Optional<byte[]> sign(byte[] data) {
    try {
      byte[] hash = MessageDigest.getInstance(digest.jcaName()).digest(data);
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(hash);
      }
      byte[] signature;
      try (InputStream stdout = process.getInputStream()) {
        signature = stdout.readAllBytes();
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        return Optional.empty();
      }
      return process.exitValue() == 0 && verifies(data, signature)
          ? Optional.of(signature)
          : Optional.empty();
    } catch (IOException | GeneralSecurityException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      close();
    }
  }

  /** One signature at once: {@link #start} then {@link #sign(byte[])}; empty as for either. */
  static Optional<byte[]> sign(RSAPrivateCrtKey key, String jcaAlgorithm, byte[] data) {
    return HAS_OPENSSL && FastPath.OPENSSL_SIGNER.on()
        ? sign("openssl", key, jcaAlgorithm, data)
        : Optional.empty();
  }

  /** As {@link #sign(RSAPrivateCrtKey, String, byte[])} with the given openssl command. */
  static Optional<byte[]> sign(
      String openssl, RSAPrivateCrtKey key, String jcaAlgorithm, byte[] data) {
    return start(openssl, key, jcaAlgorithm).flatMap(signer -> signer.sign(data));
  }

  /**
   * Stops openssl if it is still waiting for data (the server asked for another algorithm, or
   * none).
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private boolean verifies(byte[] data, byte[] signature) throws GeneralSecurityException {
    int length = (key.getModulus().bitLength() + 7) / 8;
    if (signature.length != length) {
      return false;
    }
    Signature verifier = Signature.getInstance(jcaAlgorithm);
    verifier.initVerify(
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
    verifier.update(data);
    return verifier.verify(signature);
  }

  private record Digest(String jcaName, String opensslName) {
    static Optional<Digest> of(String jcaAlgorithm) {
      return switch (jcaAlgorithm) {
        case "SHA512withRSA" -> Optional.of(new Digest("SHA-512", "sha512"));
        case "SHA256withRSA" -> Optional.of(new Digest("SHA-256", "sha256"));
        case "SHA1withRSA" -> Optional.of(new Digest("SHA-1", "sha1"));
        default -> Optional.empty();
      };
    }
  }
}
