package io.pryv.migration.verify.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * HTTP to one origin, through an {@link HttpPool} (pooled keep-alive connections, streamed bodies,
 * {@code --resolve}).
 */
public final class HttpTransport implements AutoCloseable {
  private final String scheme;
  private final String host;
  private final int port;
  private final HttpHost target;
  private final boolean secure;
  private final HttpPool pool;
  private final boolean ownsPool;
  private volatile Certificate peerCertificate;

  /** An origin with a pool of its own, closed with it. */
  public HttpTransport(
      URI origin,
      List<ResolveRule> resolve,
      TlsSettings tlsSettings,
      Duration connectTimeout,
      Duration readTimeout) {
    this(
        new HttpPool(
            resolve,
            tlsSettings,
            origin.getScheme().equalsIgnoreCase("https"),
            connectTimeout,
            readTimeout),
        origin,
        true);
  }

  HttpTransport(HttpPool pool, URI origin, boolean ownsPool) {
    this.scheme = origin.getScheme().toLowerCase(Locale.ROOT);
    this.host =
        origin.getHost().startsWith("[")
            ? origin.getHost().substring(1, origin.getHost().length() - 1)
            : origin.getHost();
    this.port = origin.getPort() > 0 ? origin.getPort() : scheme.equals("https") ? 443 : 80;
    this.target = new HttpHost(scheme, host, port);
    this.secure = scheme.equals("https");
    this.pool = pool;
    this.ownsPool = ownsPool;
    pool.register(host, port);
  }

  /** The pool this origin's connections are in. */
  public HttpPool pool() {
    return pool;
  }

  /** Where connections go: the --resolve address for this host and port, or the host itself. */
  public String connectAddress() {
    return pool.connectAddress(host, port);
  }

  /**
   * The server certificate seen by the last TLS handshake (it passed the checks unless --insecure),
   * or null.
   */
  public Certificate peerCertificate() {
    return peerCertificate;
  }

  public boolean secure() {
    return secure;
  }

  public String origin() {
    return scheme + "://" + host + ":" + port;
  }

  /** Sends the request; the caller reads the body as a stream and closes the response. */
  public HttpResponse send(HttpRequest request) throws IOException {
    BasicClassicHttpRequest message =
        new BasicClassicHttpRequest(request.method(), target, request.target());
    String contentType = null;
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = header.getValue();
      } else {
        message.addHeader(header.getKey(), header.getValue());
      }
    }
    if (request.body() != null) {
      message.setEntity(
          new ByteArrayEntity(
              request.body(), contentType == null ? null : ContentType.parse(contentType)));
    }
    HttpClientContext context = HttpClientContext.create();
    ClassicHttpResponse response = pool.client().executeOpen(target, message, context);
    try {
      rememberCertificate(context.getSSLSession());
      Map<String, String> headers = new HashMap<>();
      for (Header header : response.getHeaders()) {
        headers.merge(
            header.getName().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
      }
      HttpEntity entity = response.getEntity();
      InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
      // a body read to its end gives the connection back to the pool; closing one before drops the
      // connection
      return new HttpResponse(response.getCode(), headers, body, response::close);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
  }

  private void rememberCertificate(SSLSession session) {
    if (session == null) {
      return;
    }
    try {
      peerCertificate = session.getPeerCertificates()[0];
    } catch (SSLPeerUnverifiedException unverified) {
      peerCertificate = null;
    }
  }

  /** Closes the pool when it is this origin's own; a shared pool is closed by its owner. */
  @Override
  public void close() {
    if (ownsPool) {
      pool.close();
    }
  }
}
