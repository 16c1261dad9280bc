package io.pryv.migration.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.testing.RequiredPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures by the openssl command: the same bytes as Java's, and nothing when openssl gives a
 * wrong one.
 */
class OpensslRsaSignerTest {
  private static final byte[] DATA =
      "session id and userauth request".getBytes(StandardCharsets.UTF_8);
  private static RSAPrivateCrtKey key;
  private static String openssl;

  @BeforeAll
  static void setUp() throws Exception {
    openssl = RequiredPrograms.require("openssl").toString();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
  }

  @Test
  void signsLikeJavaForEveryDigest() throws Exception {
    for (String algorithm : List.of("SHA512withRSA", "SHA256withRSA", "SHA1withRSA")) {
      Signature java = Signature.getInstance(algorithm);
      java.initSign(key);
      java.update(DATA);
      // PKCS#1 v1.5 is deterministic: the same key and data give the same bytes, whoever signs.
      assertArrayEquals(
          java.sign(),
          OpensslRsaSigner.sign(openssl, key, algorithm, DATA).orElseThrow(),
          algorithm);
    }
  }

  @Test
  void aWrongOrMissingSignatureIsNotUsed(@TempDir Path dir) throws Exception {
    Path liar = dir.resolve("openssl");
    Files.writeString(
        liar, "#!/bin/sh\nhead -c 256 /dev/urandom\n"); // the right length, the wrong bytes
    Files.setPosixFilePermissions(liar, PosixFilePermissions.fromString("rwx------"));
    assertTrue(OpensslRsaSigner.sign(liar.toString(), key, "SHA512withRSA", DATA).isEmpty());
    assertTrue(
        OpensslRsaSigner.sign(dir.resolve("missing").toString(), key, "SHA512withRSA", DATA)
            .isEmpty());
    assertTrue(OpensslRsaSigner.sign(openssl, key, "SHA384withECDSA", DATA).isEmpty());
  }

  @Test
  void aSignerStartedAheadSignsTheDataGivenLater() throws Exception {
    OpensslRsaSigner signer = OpensslRsaSigner.start(openssl, key, "SHA512withRSA").orElseThrow();
    Thread.sleep(300); // openssl has read the key and waits for its input, as during a key exchange
    Signature java = Signature.getInstance("SHA512withRSA");
    java.initSign(key);
    java.update(DATA);
    assertArrayEquals(java.sign(), signer.sign(DATA).orElseThrow());
  }

  @Test
  void aSignerClosedUnusedSignsNothing() {
    OpensslRsaSigner signer = OpensslRsaSigner.start(openssl, key, "SHA256withRSA").orElseThrow();
    signer.close();
    assertTrue(signer.sign(DATA).isEmpty());
  }
}
