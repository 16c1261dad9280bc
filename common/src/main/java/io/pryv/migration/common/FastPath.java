package io.pryv.migration.common;

import java.util.Arrays;
import java.util.Locale;

/**
 * The mechanisms that exist only to make a tool start or connect sooner, each with a plain path
 * beside it. All of them are on; {@code -Dpryv.migration.fastPath.off=NAME,NAME} (or {@code all}),
 * e.g. through {@code JDK_JAVA_OPTIONS}, turns some off, for measuring what each one gains
 * (bench/speed/run.sh). The property is read here and nowhere else.
 */
public enum FastPath {
  /**
   * ssh: RSA keys read by the toolkit and signed with their CRT parameters (else JSch loads the
   * key).
   */
  RSA_CRT("rsa-crt"),
  /** ssh: RSA signatures by the openssl command, started during the key exchange (else in Java). */
  OPENSSL_SIGNER("openssl-signer"),
  /** ssh: AES-GCM run ahead on another thread before a transfer of 128 MiB or more (else not). */
  BULK_CIPHER_WARM_UP("bulk-cipher-warm-up"),
  /**
   * ssh, {@code --openssh}: the tool's own master prefers the curve25519 key exchange, as JSch does
   * (else OpenSSH's own order, its post-quantum hybrid first, which cost ~0.1 s more per handshake
   * here).
   */
  OPENSSH_KEX("openssh-kex"),
  /**
   * backup-transfer: files whose listing records are the same bytes on both sides left out before
   * planning, only counted (else every entry of both listings is parsed and planned).
   */
  SHARED_FILES("shared-files"),
  /**
   * docker-ops: a MongoDB step and the InfluxDB step next to it in one call run side by side (else
   * one after the other).
   */
  SIDE_BY_SIDE_STEPS("side-by-side-steps"),
  /**
   * docker-ops: live MongoDB counts through the Java driver at the local container's own address
   * (docker inspect), the container's shell only if that fails (else the shell alone).
   */
  CONTAINER_DRIVER_COUNT("container-driver-count");

  static final String PROPERTY = "pryv.migration.fastPath.off";

  private final String switchName;

  FastPath(String switchName) {
    this.switchName = switchName;
  }

  /** False when {@value #PROPERTY} names this mechanism, or is {@code all}. */
  public boolean on() {
    return !names(System.getProperty(PROPERTY, ""), switchName);
  }

  static boolean names(String off, String name) {
    return Arrays.stream(off.toLowerCase(Locale.ROOT).split(","))
        .map(String::strip)
        .anyMatch(word -> word.equals(name) || word.equals("all"));
  }
}
