package io.pryv.migration.common.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 as the toolkit writes it: in Pryv's notation ({@code sha256-<standard base64>}) for the
 * API's integrity fields, and in lowercase hex, as sha256sum prints it, for files.
 */
public final class Sha256 {
  private static final int BUFFER = 256 * 1024;

  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public static String tagged(String text) {
    return tagged(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static String tagged(byte[] digest) {
    return "sha256-" + Base64.getEncoder().encodeToString(digest);
  }

  /** Lowercase hex, as sha256sum prints it. */
  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /** The hex SHA-256 of a file's content. */
  public static String hexOf(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int count;
      while ((count = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, count);
      }
    }
    return hex(digest.digest());
  }
}
