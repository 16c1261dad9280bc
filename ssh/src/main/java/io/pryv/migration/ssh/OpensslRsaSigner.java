package io.pryv.migration.ssh;

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
 * RSA signatures made by the {@code openssl} command when it is installed. A 4096-bit signature costs openssl
 * about 5 ms; a freshly started JVM needs 100-150 ms for the same modular exponentiation (its big-number code
 * runs interpreted until the JIT catches up), which was the largest single part of connecting. The private key
 * travels only through a pipe (stdin, PKCS#8 DER) and never touches the disk; the digest, which is not secret,
 * is an argument. Every signature is verified with the public key before it is used: anything unexpected
 * (openssl missing, too old, failing) gives empty, and the caller signs in Java.
 */
final class OpensslRsaSigner {
  private static final boolean HAS_OPENSSL = ProgramPath.has("openssl");
  private static final long TIMEOUT_SECONDS = 10;
  /**
   * $1 the digest as printf octal escapes, $2 its name, $3 the openssl command. The key arrives on stdin, moved
   * to fd 3 so that stdin can carry the digest.
   */
  private static final String SCRIPT = "exec 3<&0; printf \"$1\" | exec \"$3\" pkeyutl -sign -inkey /dev/fd/3 "
      + "-keyform DER -pkeyopt \"digest:$2\"";

  private OpensslRsaSigner() {}

  /**
   * The PKCS#1 v1.5 signature of {@code data} with {@code jcaAlgorithm} ({@code SHA256withRSA},
   * {@code SHA512withRSA} or {@code SHA1withRSA}), or empty when openssl cannot give a valid one.
   */
  static Optional<byte[]> sign(RSAPrivateCrtKey key, String jcaAlgorithm, byte[] data) {
    return HAS_OPENSSL ? sign("openssl", key, jcaAlgorithm, data) : Optional.empty();
  }

  /** As {@link #sign(RSAPrivateCrtKey, String, byte[])} with the given openssl command. */
  static Optional<byte[]> sign(String openssl, RSAPrivateCrtKey key, String jcaAlgorithm, byte[] data) {
    Optional<Digest> digest = Digest.of(jcaAlgorithm);
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] hash = MessageDigest.getInstance(digest.get().jcaName()).digest(data);
      Process process = new ProcessBuilder(List.of("sh", "-c", SCRIPT, "sh", octalEscapes(hash),
          digest.get().opensslName(), openssl)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(key.getEncoded());
      }
      byte[] signature;
      try (InputStream stdout = process.getInputStream()) {
        signature = stdout.readAllBytes();
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 && verifies(key, jcaAlgorithm, data, signature)
          ? Optional.of(signature) : Optional.empty();
    } catch (IOException | GeneralSecurityException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean verifies(RSAPrivateCrtKey key, String jcaAlgorithm, byte[] data, byte[] signature)
      throws GeneralSecurityException {
    int length = (key.getModulus().bitLength() + 7) / 8;
    if (signature.length != length) {
      return false;
    }
    Signature verifier = Signature.getInstance(jcaAlgorithm);
    verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(
        new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
    verifier.update(data);
    return verifier.verify(signature);
  }

  /** Every byte as a printf octal escape ({@code \ooo}): binary safe, and nothing printf could misread. */
  static String octalEscapes(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 4);
    for (byte b : bytes) {
      int value = b & 0xff;
      text.append('\\').append((char) ('0' + (value >> 6))).append((char) ('0' + ((value >> 3) & 7)))
          .append((char) ('0' + (value & 7)));
    }
    return text.toString();
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
