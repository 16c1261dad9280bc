package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our CRT identity against JSch's own for the same key file: same public blob, same signatures,
 * verifiable.
 */
class RsaCrtIdentityTest {
  private static final byte[] DATA =
      "session id and userauth request".getBytes(StandardCharsets.UTF_8);
  private static KeyPair jschKey;
  private static RsaCrtIdentity identity;

  @BeforeAll
  static void load(@TempDir Path dir) throws Exception {
    jschKey = KeyPair.genKeyPair(new JSch(), KeyPair.RSA, 2048);
    Path file = dir.resolve("id_rsa");
    jschKey.writeOpenSSHv1PrivateKey(file.toString());
    identity = RsaCrtIdentity.load(file).orElseThrow();
    assertEquals(file.toString(), identity.getName());
  }

  @AfterAll
  static void dispose() {
    jschKey.dispose();
  }

  @Test
  void publicKeyBlobIsTheStandardSshRsaBlob() {
    assertEquals("ssh-rsa", identity.getAlgName());
    assertArrayEquals(jschKey.getPublicKeyBlob(), identity.getPublicKeyBlob());
  }

  @Test
  void signaturesAreJschsAndVerifyWithThePublicKey() throws Exception {
    String[][] algorithms = {
      {"rsa-sha2-512", "SHA512withRSA"},
      {"rsa-sha2-256", "SHA256withRSA"},
      {"ssh-rsa", "SHA1withRSA"}
    };
    for (String[] algorithm : algorithms) {
      byte[] blob = identity.getSignature(DATA, algorithm[0]);
      // PKCS#1 v1.5 signatures are deterministic: CRT or not, the bytes are the same.
      assertArrayEquals(jschKey.getSignature(DATA, algorithm[0]), blob, algorithm[0]);
      SshWire.Reader reader = new SshWire.Reader(blob);
      assertEquals(algorithm[0], reader.text());
      Signature verifier = Signature.getInstance(algorithm[1]);
      verifier.initVerify(publicKey(identity.getPublicKeyBlob()));
      verifier.update(DATA);
      assertTrue(verifier.verify(reader.string()), algorithm[0]);
    }
  }

  @Test
  void aSignerStartedAheadGivesTheSameSignaturesWhateverTheServerAsks() throws Exception {
    for (String algorithm : new String[] {"rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"}) {
      identity.startSigner(); // for rsa-sha2-512: the other two are signed by a signer started then
      assertArrayEquals(
          jschKey.getSignature(DATA, algorithm), identity.getSignature(DATA, algorithm), algorithm);
    }
    identity.startSigner();
    identity.clear(); // a signer started and never used stops
    assertArrayEquals(
        jschKey.getSignature(DATA, "rsa-sha2-512"), identity.getSignature(DATA, "rsa-sha2-512"));
  }

  @Test
  void unknownAlgorithmGivesNoSignature() {
    assertNull(identity.getSignature(DATA, "ssh-ed25519"));
  }

  @Test
  void otherKeysAreNotTaken(@TempDir Path dir) throws Exception {
    Path encrypted = dir.resolve("encrypted");
    jschKey.writeOpenSSHv1PrivateKey(encrypted.toString(), "pw".getBytes(StandardCharsets.UTF_8));
    assertTrue(RsaCrtIdentity.load(encrypted).isEmpty());
    assertTrue(RsaCrtIdentity.load(dir.resolve("missing")).isEmpty());
    Path publicOnly = Files.writeString(dir.resolve("id_rsa.pub"), "ssh-rsa AAAAB3Nza test\n");
    assertTrue(RsaCrtIdentity.load(publicOnly).isEmpty());
  }

  private static PublicKey publicKey(byte[] blob) throws Exception {
    SshWire.Reader reader = new SshWire.Reader(blob);
    assertEquals("ssh-rsa", reader.text());
    BigInteger e = reader.mpint();
    BigInteger n = reader.mpint();
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
  }
}
