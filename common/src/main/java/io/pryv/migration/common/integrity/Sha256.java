package io.pryv.migration.common.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 in Pryv's notation: {@code sha256-<standard base64>}. */
public final class Sha256 {
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
}
