package io.pryv.migration.verify.http;

import io.pryv.migration.common.HostAndPort;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small HTTP/1.1 client over plain or TLS sockets, for one origin. It exists because {@code --resolve} must
 * connect to an address of our choice while the Host header, the SNI and the certificate check use the URL's host
 * name, which the JDK HttpClient cannot do. Keep-alive connections are pooled; bodies are streamed.
 */
public final class HttpTransport implements AutoCloseable {
  private final String scheme;
  private final String host;
  private final int port;
  private final List<ResolveRule> resolve;
  private final SSLSocketFactory tls;
  private final boolean checkHostName;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private volatile java.security.cert.Certificate peerCertificate;

  public HttpTransport(URI origin, List<ResolveRule> resolve, TlsSettings tlsSettings, Duration connectTimeout,
      Duration readTimeout) {
    this.scheme = origin.getScheme().toLowerCase(Locale.ROOT);
    this.host = origin.getHost();
    this.port = origin.getPort() > 0 ? origin.getPort() : scheme.equals("https") ? 443 : 80;
    this.resolve = List.copyOf(resolve);
    this.tls = scheme.equals("https") ? tlsSettings.socketFactory() : null;
    this.checkHostName = !tlsSettings.insecure();
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** Where connections go: the --resolve address for this host and port, or the host itself. */
  public String connectAddress() {
    for (ResolveRule rule : resolve) {
      if (rule.matches(host, port)) {
        return rule.address();
      }
    }
    return host;
  }

  /** The server certificate seen by the last TLS handshake (it passed the checks unless --insecure), or null. */
  public java.security.cert.Certificate peerCertificate() {
    return peerCertificate;
  }

  public boolean secure() {
    return tls != null;
  }

  public String origin() {
    return scheme + "://" + host + ":" + port;
  }

  /** Sends the request; a pooled connection that the server closed meanwhile is replaced once, transparently. */
  public HttpResponse send(HttpRequest request) throws IOException {
    Connection pooled = takeIdle();
    if (pooled != null) {
      try {
        return exchange(pooled, request);
      } catch (IOException stale) {
        pooled.closeQuietly();
      }
    }
    return exchange(open(), request);
  }

  private HttpResponse exchange(Connection connection, HttpRequest request) throws IOException {
    try {
      writeRequest(connection.out, request);
      return readResponse(connection, request.method().equals("HEAD"));
    } catch (IOException | RuntimeException e) {
      connection.closeQuietly();
      throw e;
    }
  }

  private synchronized Connection takeIdle() {
    return idle.pollFirst();
  }

  private synchronized void giveBack(Connection connection) {
    if (idle.size() < 16) {
      idle.addFirst(connection);
    } else {
      connection.closeQuietly();
    }
  }

  private Connection open() throws IOException {
    String address = connectAddress();
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      InetAddress target = InetAddress.getByName(address); // a literal address needs no DNS lookup
      socket.connect(new InetSocketAddress(target, port), (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) readTimeout.toMillis());
      if (tls != null) {
        SSLSocket secure = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        if (HostAndPort.isHostName(host) && !HostAndPort.isIpv4(host)) {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        if (checkHostName) {
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        peerCertificate = secure.getSession().getPeerCertificates()[0];
        socket = secure;
      }
      return new Connection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void writeRequest(OutputStream out, HttpRequest request) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    head.append("Host: ").append(host.contains(":") ? "[" + host + "]" : host)
        .append(defaultPort ? "" : ":" + port).append("\r\n");
    head.append("Connection: keep-alive\r\n");
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    byte[] body = request.body();
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  private HttpResponse readResponse(Connection connection, boolean head) throws IOException {
    String statusLine = readLine(connection.in);
    if (statusLine == null) {
      throw new EOFException("the server closed the connection without answering");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x response: " + abbreviate(statusLine));
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("bad HTTP status line: " + abbreviate(statusLine));
    }
    Map<String, String> headers = new HashMap<>();
    for (String line = readLine(connection.in); line != null && !line.isEmpty(); line = readLine(connection.in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
            (a, b) -> a + ", " + b);
      }
    }
    if (status == 100) {
      return readResponse(connection, head);
    }
    boolean keepAlive = !"close".equalsIgnoreCase(headers.get("connection")) && !parts[0].equals("HTTP/1.0");
    BodyStream body;
    if (head || status == 204 || status == 304) {
      body = new BodyStream(InputStream.nullInputStream(), true);
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = new BodyStream(new ChunkedInputStream(connection.in), true);
    } else if (headers.containsKey("content-length")) {
      long length = Long.parseLong(headers.get("content-length").strip());
      body = new BodyStream(new BoundedInputStream(connection.in, length), true);
    } else {
      body = new BodyStream(connection.in, false);
      keepAlive = false;
    }
    boolean reusable = keepAlive;
    Closeable onClose = () -> {
      if (reusable && body.finished()) {
        giveBack(connection);
      } else {
        connection.closeQuietly();
      }
    };
    return new HttpResponse(status, headers, body, onClose);
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (line.size() > 65536) {
        throw new IOException("HTTP header line longer than 64 KiB");
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  @Override
  public synchronized void close() {
    for (Connection connection : idle) {
      connection.closeQuietly();
    }
    idle.clear();
  }

  private static final class Connection {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 65536);
      this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
    }

    void closeQuietly() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to do with a broken connection
      }
    }
  }

  /** Remembers whether the body was read to its end, so that the connection can be reused. */
  private static final class BodyStream extends InputStream {
    private final InputStream in;
    private final boolean delimited;
    private boolean finished;

    BodyStream(InputStream in, boolean delimited) {
      this.in = in;
      this.delimited = delimited;
    }

    boolean finished() {
      return delimited && finished;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        finished = true;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int count = in.read(buffer, offset, length);
      if (count < 0) {
        finished = true;
      }
      return count;
    }

    @Override
    public void close() throws IOException {
      // the connection's owner decides; a fully read body leaves the socket reusable
      if (!finished && delimited) {
        byte[] skip = new byte[8192];
        int budget = 65536;
        int count;
        while (budget > 0 && (count = in.read(skip)) >= 0) {
          budget -= count;
        }
        if (budget > 0) {
          finished = true;
        }
      }
    }
  }
}
