package io.pryv.migration.ssh;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads an unencrypted RSA private key, OpenSSH format ({@code openssh-key-v1}) or PEM PKCS#1, with
 * its CRT parameters. JSch keeps only n and d and so signs with a full-size exponent, several times
 * slower than CRT; a 4096-bit signature in a cold JVM was a third of the connection time. Anything
 * else (encrypted, other key types, PKCS#8, a malformed file) is not recognised here and stays with
 * JSch's own loader.
 */
final class RsaKeyFile {
  private static final String OPENSSH = "OPENSSH PRIVATE KEY";
  private static final String PKCS1 = "RSA PRIVATE KEY";
  private static final byte[] OPENSSH_MAGIC =
      "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

  private RsaKeyFile() {}

  /** The key, or empty when the text is not an unencrypted RSA key in one of the two formats. */
  static Optional<RSAPrivateCrtKey> parse(String text) {
    try {
      if (text.contains("-----BEGIN " + OPENSSH + "-----")) {
        return fromOpenSsh(pemBody(text, OPENSSH));
      }
      if (text.contains("-----BEGIN " + PKCS1 + "-----") && !text.contains("ENCRYPTED")) {
        return Optional.of(fromPkcs1(pemBody(text, PKCS1)));
      }
      return Optional.empty();
    } catch (IllegalArgumentException | BufferUnderflowException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static byte[] pemBody(String text, String label) {
    int start = text.indexOf("-----BEGIN " + label + "-----") + label.length() + 16;
    int end = text.indexOf("-----END " + label + "-----", start);
    if (end < 0) {
      throw new IllegalArgumentException("no END line");
    }
    String body = text.substring(start, end);
    if (body.contains(":")) { // RFC 1421 headers (Proc-Type, DEK-Info): an encrypted key
      throw new IllegalArgumentException("PEM headers");
    }
    return Base64.getMimeDecoder().decode(body);
  }

  private static Optional<RSAPrivateCrtKey> fromOpenSsh(byte[] bytes)
      throws GeneralSecurityException {
    if (bytes.length < OPENSSH_MAGIC.length
        || !Arrays.equals(bytes, 0, OPENSSH_MAGIC.length, OPENSSH_MAGIC, 0, OPENSSH_MAGIC.length)) {
      return Optional.empty();
    }
    SshWire.Reader file =
        new SshWire.Reader(Arrays.copyOfRange(bytes, OPENSSH_MAGIC.length, bytes.length));
    String cipher = file.text();
    String kdf = file.text();
    file.string(); // kdf options
    if (!cipher.equals("none") || !kdf.equals("none") || file.uint32() != 1) {
      return Optional.empty();
    }
    file.string(); // the public key, repeated in the private section
    SshWire.Reader secret = new SshWire.Reader(file.string());
    if (secret.uint32() != secret.uint32() || !secret.text().equals("ssh-rsa")) {
      return Optional.empty();
    }
    BigInteger n = secret.mpint();
    BigInteger e = secret.mpint();
    BigInteger d = secret.mpint();
    BigInteger qInv = secret.mpint();
    BigInteger p = secret.mpint();
    BigInteger q = secret.mpint();
    return Optional.of(crtKey(n, e, d, p, q, qInv));
  }

  /**
   * RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv } (RFC 8017 A.1.2), two
   * primes only.
   */
  private static RSAPrivateCrtKey fromPkcs1(byte[] der) throws GeneralSecurityException {
    ByteBuffer in = ByteBuffer.wrap(der);
    if ((in.get() & 0xff) != 0x30) {
      throw new IllegalArgumentException("not a DER sequence");
    }
    derLength(in);
    if (derInteger(in).signum() != 0) {
      throw new IllegalArgumentException("multi-prime RSA key");
    }
    BigInteger n = derInteger(in);
    BigInteger e = derInteger(in);
    BigInteger d = derInteger(in);
    BigInteger p = derInteger(in);
    BigInteger q = derInteger(in);
    derInteger(in); // dP and dQ: recomputed by crtKey from d, p and q
    derInteger(in);
    return crtKey(n, e, d, p, q, derInteger(in));
  }

  private static BigInteger derInteger(ByteBuffer in) {
    if ((in.get() & 0xff) != 0x02) {
      throw new IllegalArgumentException("DER INTEGER expected");
    }
    byte[] value = new byte[derLength(in)];
    in.get(value);
    return new BigInteger(value);
  }

  private static int derLength(ByteBuffer in) {
    int first = in.get() & 0xff;
    if (first < 0x80) {
      return first;
    }
    int octets = first & 0x7f;
    if (octets == 0 || octets > 3) {
      throw new IllegalArgumentException("DER length out of range");
    }
    int length = 0;
    for (int i = 0; i < octets; i++) {
      length = (length << 8) | (in.get() & 0xff);
    }
    if (length > in.remaining()) {
      throw new IllegalArgumentException("DER length past the end");
    }
    return length;
  }

  private static RSAPrivateCrtKey crtKey(
      BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger qInv)
      throws GeneralSecurityException {
    if (p.signum() <= 0
        || q.signum() <= 0
        || !p.multiply(q).equals(n)
        || !q.multiply(qInv).mod(p).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException("inconsistent CRT parameters");
    }
    RSAPrivateCrtKeySpec spec =
        new RSAPrivateCrtKeySpec(
            n,
            e,
            d,
            p,
            q,
            d.mod(p.subtract(BigInteger.ONE)),
            d.mod(q.subtract(BigInteger.ONE)),
            qInv);
    return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
  }
}
