package io.pryv.migration.nginx.rewriter.nginxtest;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A throw-away self-signed certificate and key in PEM files, made with the JDK's own keytool (no
 * openssl needed): what {@code nginx -t} needs to accept a {@code listen ... ssl} in a sandbox.
 */
public record SelfSignedCertificate(Path certificate, Path key) {
  private static final String PASSWORD = "nginx-rewriter";

  /** Creates {@code cert.pem} and {@code key.pem} in dir for the given DNS name. */
  public static SelfSignedCertificate create(Path dir, String dnsName, ProcessRunner runner)
      throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path store = dir.resolve("sandbox.p12");
    ProcessRunner.Result result =
        runner.run(
            List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "sandbox",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=" + dnsName,
                "-ext",
                "SAN=dns:" + dnsName + ",ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD),
            dir,
            Duration.ofSeconds(60));
    if (!result.succeeded()) {
      throw ToolException.environment(
          "keytool could not make a test certificate: " + result.stderr().strip());
    }
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, PASSWORD.toCharArray());
      Key key = keyStore.getKey("sandbox", PASSWORD.toCharArray());
      Certificate certificate = keyStore.getCertificate("sandbox");
      SelfSignedCertificate pem =
          new SelfSignedCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
      Files.writeString(
          pem.certificate(),
          pem("CERTIFICATE", certificate.getEncoded()),
          StandardCharsets.US_ASCII);
      Files.writeString(pem.key(), pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
      return pem;
    } catch (GeneralSecurityException e) {
      throw ToolException.environment(
          "cannot read the test certificate made by keytool: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(store);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
