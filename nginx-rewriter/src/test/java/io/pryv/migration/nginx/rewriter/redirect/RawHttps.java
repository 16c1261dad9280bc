package io.pryv.migration.nginx.rewriter.redirect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A bare HTTPS/1.1 client on loopback: any Host header (the JDK client refuses to set it), any
 * method, and a socket left open after a 101 for websocket bytes. Trusts the test's self-signed
 * certificate.
 */
final class RawHttps implements AutoCloseable {
  private final SSLSocket socket;

  RawHttps(String host, int port) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    socket =
        (SSLSocket)
            context.getSocketFactory().createSocket(new Socket(host, port), host, port, true);
    socket.setSoTimeout(15_000);
    socket.startHandshake();
  }

  /**
   * Sends a request (Connection: close unless extra headers say otherwise) and reads the head, then
   * the body.
   */
  String request(String method, String path, String hostHeader, String extraHeaders)
      throws IOException {
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: "
            + hostHeader
            + "\r\n"
            + (extraHeaders.isEmpty() ? "Connection: close\r\n" : extraHeaders)
            + (method.equals("POST") ? "Content-Length: 0\r\n" : "")
            + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return extraHeaders.isEmpty()
        ? new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        : readHead();
  }

  /** The response head, up to and including the blank line. */
  String readHead() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  void write(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  byte[] read(int count) throws IOException {
    return socket.getInputStream().readNBytes(count);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
