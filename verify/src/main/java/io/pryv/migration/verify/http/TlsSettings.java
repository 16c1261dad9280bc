package io.pryv.migration.verify.http;

import io.pryv.migration.common.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificates are trusted: the JDK's CAs plus {@code --cacert} files, or nothing checked
 * ({@code --insecure}).
 */
public record TlsSettings(List<Path> caCertificates, boolean insecure) {

  /**
   * The TLS context: the JDK's CAs plus the --cacert files, or one that trusts anything
   * (--insecure).
   */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          null, new TrustManager[] {insecure ? new TrustEverything() : trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw ToolException.environment("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private X509TrustManager trustManager() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    int index = 0;
    for (X509Certificate ca : jdkTrustManager().getAcceptedIssuers()) {
      store.setCertificateEntry("jdk-" + index++, ca);
    }
    for (Path file : caCertificates) {
      for (Certificate certificate : readCertificates(file)) {
        store.setCertificateEntry("cacert-" + index++, certificate);
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return firstX509(factory);
  }

  private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return firstX509(factory);
  }

  private static X509TrustManager firstX509(TrustManagerFactory factory) {
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X509 trust manager in the JDK");
  }

  private static Collection<? extends Certificate> readCertificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw ToolException.badInput(
            "--cacert " + file + ": no certificate found (PEM or DER expected)");
      }
      return certificates;
    } catch (IOException e) {
      throw ToolException.badInput("--cacert " + file + ": cannot read: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw ToolException.badInput(
          "--cacert " + file + ": not a certificate: " + e.getMessage(), e);
    }
  }

  /** {@code --insecure}: accepts any certificate; the tool warns on every run. */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
