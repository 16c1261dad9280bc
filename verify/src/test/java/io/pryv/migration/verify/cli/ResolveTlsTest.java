package io.pryv.migration.verify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.standins.pryvcore.FakePryvServer;
import io.pryv.migration.verify.fake.Corpus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resolve} against an HTTPS fake core on 127.0.0.2 whose self-signed certificate (made by
 * keytool) names core.pryv.test: Host, SNI and the certificate check must all use the host name,
 * not the address.
 */
class ResolveTlsTest {
  private static final String HOST = "core.pryv.test";
  private static final String TOKEN = "tls-test-token";
  @TempDir static Path directory;
  private static FakePryvServer server;
  private static Path certificate;
  private static String resolve;

  @BeforeAll
  static void start() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path keystore = directory.resolve("core.p12");
    certificate = directory.resolve("core.pem");
    keytool(
        keytool,
        "-genkeypair",
        "-alias",
        "core",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + HOST,
        "-ext",
        "SAN=dns:" + HOST,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    keytool(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "core",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        certificate.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server =
        FakePryvServer.https("127.0.0.2", 0, tls)
            .seriesCoolDown(io.pryv.migration.verify.fake.FakeCores.COOL_DOWN);
    server.createAccount("alice", TOKEN).importRecorded(Corpus::exchange);
    resolve = HOST + ":" + server.port() + ":127.0.0.2";
  }

  private static void keytool(Path keytool, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool timed out");
    assertEquals(0, process.exitValue(), output);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String api() {
    return "https://" + HOST + ":" + server.port() + "/";
  }

  @Test
  void healthAndCheckThroughResolveWithTheCaFile() throws Exception {
    ToolRun health =
        ToolRun.run(
            Map.of("PRYV_TOKEN", TOKEN),
            "health",
            "--api",
            api(),
            "--resolve",
            resolve,
            "--cacert",
            certificate.toString(),
            "--user",
            "alice");
    assertEquals(0, health.exit(), health.toString());
    assertTrue(
        health
            .out()
            .contains("OK    tls           certificate valid for the host name (CN=" + HOST),
        health.out());
    assertTrue(health.out().contains("OK    token         personal access"), health.out());
    assertTrue(
        server.hostsSeen().contains(HOST + ":" + server.port()),
        "Host header: " + server.hostsSeen());
    assertTrue(server.sniSeen().contains(HOST), "SNI: " + server.sniSeen());

    Path snapshot = directory.resolve("alice.snapshot");
    ToolRun snap =
        ToolRun.run(
            Map.of("PRYV_TOKEN", TOKEN),
            "snapshot",
            "--api",
            api(),
            "--resolve",
            resolve,
            "--cacert",
            certificate.toString(),
            "--user",
            "alice",
            "--out",
            snapshot.toString());
    assertEquals(0, snap.exit(), snap.toString());
    ToolRun check =
        ToolRun.run(
            Map.of("PRYV_TOKEN", TOKEN),
            "check",
            "--api",
            api(),
            "--resolve",
            resolve,
            "--cacert",
            certificate.toString(),
            "--against",
            snapshot.toString());
    assertEquals(0, check.exit(), check.toString());
    assertTrue(check.out().contains("account alice: identical"), check.out());
  }

  @Test
  void untrustedCertificateFails() {
    ToolRun health = ToolRun.run(Map.of(), "health", "--api", api(), "--resolve", resolve);
    assertEquals(1, health.exit(), health.toString());
    assertTrue(
        health.out().contains("FAIL  api root      GET /: TLS handshake with https://" + HOST),
        health.out());
  }

  @Test
  void certificateForAnotherNameFails() {
    String other = "other.pryv.test";
    ToolRun health =
        ToolRun.run(
            Map.of(),
            "health",
            "--api",
            "https://" + other + ":" + server.port() + "/",
            "--resolve",
            other + ":" + server.port() + ":127.0.0.2",
            "--cacert",
            certificate.toString());
    assertEquals(1, health.exit(), health.toString());
    assertTrue(health.out().contains("TLS handshake with https://" + other), health.out());
    assertTrue(
        health.out().contains("No subject alternative DNS name matching " + other), health.out());
  }

  @Test
  void insecureWorksButWarns() {
    ToolRun health =
        ToolRun.run(Map.of(), "health", "--api", api(), "--resolve", resolve, "--insecure");
    assertEquals(0, health.exit(), health.toString());
    assertTrue(
        health.err().contains("verify: warning: --insecure: TLS certificates are NOT checked"),
        health.err());
    assertTrue(health.out().contains("WARN  tls           NOT checked (--insecure)"), health.out());
  }
}
