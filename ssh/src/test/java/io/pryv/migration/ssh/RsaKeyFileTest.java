package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key files written by JSch (an independent writer): both formats parse to the same CRT key, others
 * do not.
 */
class RsaKeyFileTest {
  private static final byte[] PASSPHRASE = "secret".getBytes(StandardCharsets.UTF_8);
  private static KeyPair pair;

  @BeforeAll
  static void generate() throws Exception {
    pair = KeyPair.genKeyPair(new JSch(), KeyPair.RSA, 2048);
  }

  @AfterAll
  static void dispose() {
    pair.dispose();
  }

  @Test
  void openSshFormatGivesTheFullCrtKey() throws Exception {
    RSAPrivateCrtKey key = RsaKeyFile.parse(openSsh(null)).orElseThrow();
    assertConsistent(key);
  }

  @Test
  void pemPkcs1GivesTheSameKey() throws Exception {
    RSAPrivateCrtKey fromPem = RsaKeyFile.parse(pem(null)).orElseThrow();
    RSAPrivateCrtKey fromOpenSsh = RsaKeyFile.parse(openSsh(null)).orElseThrow();
    assertConsistent(fromPem);
    assertEquals(fromOpenSsh.getPrivateExponent(), fromPem.getPrivateExponent());
    assertEquals(fromOpenSsh.getCrtCoefficient(), fromPem.getCrtCoefficient());
    assertEquals(fromOpenSsh.getPrimeExponentP(), fromPem.getPrimeExponentP());
  }

  @Test
  void encryptedKeysAreLeftToJsch() throws Exception {
    assertTrue(RsaKeyFile.parse(openSsh(PASSPHRASE)).isEmpty());
    assertTrue(RsaKeyFile.parse(pem(PASSPHRASE)).isEmpty());
  }

  @Test
  void otherKeyTypesAndBrokenFilesAreLeftToJsch() throws Exception {
    KeyPair ecdsa = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ecdsa.writeOpenSSHv1PrivateKey(out, null);
    assertTrue(RsaKeyFile.parse(out.toString(StandardCharsets.US_ASCII)).isEmpty());
    out.reset();
    ecdsa.writePrivateKey(out);
    assertTrue(RsaKeyFile.parse(out.toString(StandardCharsets.US_ASCII)).isEmpty());

    String good = openSsh(null);
    String truncated =
        good.substring(0, good.length() / 2) + "\n-----END OPENSSH PRIVATE KEY-----\n";
    assertTrue(RsaKeyFile.parse(truncated).isEmpty());
    String pemText = pem(null);
    assertTrue(RsaKeyFile.parse(pemText.replace("-----END RSA PRIVATE KEY-----", "")).isEmpty());
    assertTrue(
        RsaKeyFile.parse("-----BEGIN RSA PRIVATE KEY-----\n!!\n-----END RSA PRIVATE KEY-----\n")
            .isEmpty());
    assertTrue(RsaKeyFile.parse("ssh-rsa AAAA user@host\n").isEmpty());
  }

  /** The public half matches JSch's key and the CRT parameters are those of the primes. */
  private static void assertConsistent(RSAPrivateCrtKey key) {
    SshWire.Reader blob = new SshWire.Reader(pair.getPublicKeyBlob());
    assertEquals("ssh-rsa", blob.text());
    assertEquals(blob.mpint(), key.getPublicExponent());
    assertEquals(blob.mpint(), key.getModulus());
    BigInteger p = key.getPrimeP();
    BigInteger q = key.getPrimeQ();
    assertEquals(key.getModulus(), p.multiply(q));
    assertEquals(key.getPrivateExponent().mod(p.subtract(BigInteger.ONE)), key.getPrimeExponentP());
    assertEquals(key.getPrivateExponent().mod(q.subtract(BigInteger.ONE)), key.getPrimeExponentQ());
    assertEquals(q.modInverse(p), key.getCrtCoefficient());
  }

  private static String openSsh(byte[] passphrase) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pair.writeOpenSSHv1PrivateKey(out, passphrase);
    return out.toString(StandardCharsets.US_ASCII);
  }

  private static String pem(byte[] passphrase) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pair.writePrivateKey(out, passphrase);
    return out.toString(StandardCharsets.US_ASCII);
  }
}
