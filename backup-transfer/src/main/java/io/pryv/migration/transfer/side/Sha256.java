package io.pryv.migration.transfer.side;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: a digest, hex text, and the hash of one file. */
public final class Sha256 {
  private static final int BUFFER = 256 * 1024;

  private Sha256() {}

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  private static final ThreadLocal<byte[]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[BUFFER]);

  public static String of(Path file) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = BUFFERS.get();
    try (InputStream in = Files.newInputStream(file)) {
      int count;
      while ((count = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, count);
      }
    }
    return hex(digest.digest());
  }
}
