package io.pryv.migration.ssh;

import com.jcraft.jsch.Identity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An RSA key for JSch that signs with the CRT parameters (see {@link RsaKeyFile}): the same
 * signatures as JSch's own identity, in a fraction of the time for a 4096-bit key.
 */
final class RsaCrtIdentity implements Identity {
  private static final String KEY_TYPE = "ssh-rsa";

  /** What OpenSSH servers since 7.2 ask for first (server-sig-algs), and JSch offers first. */
  private static final String USUAL_ALGORITHM = "SHA512withRSA";

  private final String name;
  private final RSAPrivateCrtKey key;
  private final byte[] publicKeyBlob;
  private final AtomicReference<OpensslRsaSigner> startedSigner = new AtomicReference<>();

  RsaCrtIdentity(String name, RSAPrivateCrtKey key) {
    this.name = name;
    this.key = key;
    this.publicKeyBlob =
        new SshWire.Writer()
            .string(KEY_TYPE)
            .mpint(key.getPublicExponent())
            .mpint(key.getModulus())
            .toByteArray();
  }

  /** The identity for an unencrypted RSA key file; empty for anything JSch should load itself. */
  static Optional<RsaCrtIdentity> load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return Optional.empty(); // JSch reports the unreadable file
    }
    return RsaKeyFile.parse(text).map(key -> new RsaCrtIdentity(file.toString(), key));
  }

  /**
   * Starts openssl for the usual signature algorithm now, so that the signature asked for later
   * costs only the signing itself (see {@link OpensslRsaSigner}). Without openssl, nothing.
   */
  void startSigner() {
    OpensslRsaSigner.start(key, USUAL_ALGORITHM)
        .ifPresent(
            signer -> {
              OpensslRsaSigner previous = startedSigner.getAndSet(signer);
              if (previous != null) {
                previous.close();
              }
            });
  }

  @Override
  public byte[] getPublicKeyBlob() {
    return publicKeyBlob.clone();
  }

  @Override
  public byte[] getSignature(byte[] data) {
    return getSignature(data, KEY_TYPE);
  }

  /**
   * The SSH signature blob (string algorithm, string signature), or null for an algorithm we cannot
   * sign.
   */
  @Override
  public byte[] getSignature(byte[] data, String algorithm) {
    String jcaName =
        switch (algorithm) {
          case "rsa-sha2-256" -> "SHA256withRSA";
          case "rsa-sha2-512" -> "SHA512withRSA";
          case KEY_TYPE -> "SHA1withRSA";
          default -> null;
        };
    if (jcaName == null) {
      return null;
    }
    try {
      byte[] signed = opensslSignature(jcaName, data).orElse(null);
      if (signed == null) {
        Signature signature = Signature.getInstance(jcaName);
        signature.initSign(key);
        signature.update(data);
        signed = signature.sign();
      }
      return new SshWire.Writer().string(algorithm).string(signed).toByteArray();
    } catch (GeneralSecurityException e) {
      return null; // JSch then tries the next algorithm, as for its own identities
    }
  }

  /** With the signer started ahead when it was started for this algorithm, else with a new one. */
  private Optional<byte[]> opensslSignature(String jcaName, byte[] data) {
    OpensslRsaSigner started = startedSigner.getAndSet(null);
    if (started != null && started.jcaAlgorithm().equals(jcaName)) {
      return started.sign(data);
    }
    if (started != null) {
      started.close();
    }
    return OpensslRsaSigner.sign(key, jcaName, data);
  }

  @Override
  public boolean setPassphrase(byte[] passphrase) {
    return true;
  }

  @Override
  public boolean decrypt() {
    return true;
  }

  @Override
  public String getAlgName() {
    return KEY_TYPE;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean isEncrypted() {
    return false;
  }

  @Override
  public void clear() {
    // BigInteger cannot be wiped; the key lives as long as the connection, as JSch's own would.
    OpensslRsaSigner started = startedSigner.getAndSet(null);
    if (started != null) {
      started.close();
    }
  }
}
