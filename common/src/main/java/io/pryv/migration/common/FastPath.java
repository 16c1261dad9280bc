package io.pryv.migration.common;

import java.util.Arrays;
import java.util.Locale;

/**
 * The mechanisms that exist only to make a tool start or connect sooner, each with a plain path beside it. All of
 * them are on; {@code -Dpryv.migration.fastPath.off=NAME,NAME} (or {@code all}), e.g. through
 * {@code JDK_JAVA_OPTIONS}, turns some off, for measuring what each one gains (bench/speed/run.sh). The property is
 * read here and nowhere else.
 */
public enum FastPath {
  /** common's ExitCleanup: the local scripts a tool started are stopped when it ends. */
  EXIT_CLEANUP("exit-cleanup"),
  /** ssh: RSA keys read by the toolkit and signed with their CRT parameters (else JSch loads the key). */
  RSA_CRT("rsa-crt"),
  /** ssh: RSA signatures by the openssl command, started during the key exchange (else in Java). */
  OPENSSL_SIGNER("openssl-signer"),
  /** ssh: the TCP connection opened on a thread of its own before JSch is set up (else by JSch). */
  EARLY_SOCKET("early-socket"),
  /** ssh: known_hosts and the key read on a thread of their own (else before connecting). */
  BACKGROUND_CREDENTIALS("background-credentials"),
  /** ssh: the handshake's and the bulk cipher's cryptography run once ahead on another thread (else not). */
  CRYPTO_WARM_UP("crypto-warm-up");

  static final String PROPERTY = "pryv.migration.fastPath.off";

  private final String switchName;

  FastPath(String switchName) {
    this.switchName = switchName;
  }

  /** The name that turns it off in {@value #PROPERTY}. */
  public String switchName() {
    return switchName;
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
