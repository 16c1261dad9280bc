package io.pryv.migration.verify.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP to one origin, through Apache HttpClient 5 (pooled keep-alive connections, streamed bodies). {@code --resolve}
 * is a {@link DnsResolver}: the connection goes to the chosen address while the Host header, the TLS SNI and the
 * certificate's host-name check keep the URL's host name, as curl does. Redirects, retries (the caller retries),
 * cookies and content decompression are off.
 */
public final class HttpTransport implements AutoCloseable {
  private final String scheme;
  private final String host;
  private final int port;
  private final HttpHost target;
  private final List<ResolveRule> resolve;
  private final boolean secure;
  private final PoolingHttpClientConnectionManager connections;
  private final CloseableHttpClient client;
  private volatile Certificate peerCertificate;

  public HttpTransport(URI origin, List<ResolveRule> resolve, TlsSettings tlsSettings, Duration connectTimeout,
      Duration readTimeout) {
    this.scheme = origin.getScheme().toLowerCase(Locale.ROOT);
    this.host = origin.getHost().startsWith("[") ? origin.getHost().substring(1, origin.getHost().length() - 1)
        : origin.getHost();
    this.port = origin.getPort() > 0 ? origin.getPort() : scheme.equals("https") ? 443 : 80;
    this.target = new HttpHost(scheme, host, port);
    this.resolve = List.copyOf(resolve);
    this.secure = scheme.equals("https");
    PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(new Resolver())
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(readTimeout)).build())
        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(Timeout.of(readTimeout))
            .build())
        .setMaxConnTotal(16).setMaxConnPerRoute(16);
    if (secure) {
      ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(tlsSettings.sslContext());
      if (tlsSettings.insecure()) {
        tls.setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
            .setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
      } else {
        // the JDK checks the name during the handshake (endpoint identification), against the URL's host
        tls.setHostVerificationPolicy(HostnameVerificationPolicy.BUILTIN);
      }
      pool.setTlsSocketStrategy(tls.buildClassic());
    }
    this.connections = pool.build();
    this.client = HttpClients.custom().setConnectionManager(connections).disableAutomaticRetries()
        .disableRedirectHandling().disableCookieManagement().disableContentCompression().disableAuthCaching()
        .build();
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

  /** --resolve: the chosen address for this origin's host; the system's resolver for anything else. */
  private final class Resolver implements DnsResolver {
    @Override
    public InetAddress[] resolve(String name) throws UnknownHostException {
      if (name.equalsIgnoreCase(host)) {
        String address = connectAddress();
        if (!address.equals(host)) {
          return new InetAddress[] {InetAddress.getByName(address)}; // a literal address: no lookup
        }
      }
      return SystemDefaultDnsResolver.INSTANCE.resolve(name);
    }

    @Override
    public String resolveCanonicalHostname(String name) throws UnknownHostException {
      return name;
    }
  }

  /** The server certificate seen by the last TLS handshake (it passed the checks unless --insecure), or null. */
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
    BasicClassicHttpRequest message = new BasicClassicHttpRequest(request.method(), target, request.target());
    String contentType = null;
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = header.getValue();
      } else {
        message.addHeader(header.getKey(), header.getValue());
      }
    }
    if (request.body() != null) {
      message.setEntity(new ByteArrayEntity(request.body(), contentType == null ? null : ContentType.parse(contentType)));
    }
    HttpClientContext context = HttpClientContext.create();
    ClassicHttpResponse response = client.executeOpen(target, message, context);
    try {
      rememberCertificate(context.getSSLSession());
      Map<String, String> headers = new HashMap<>();
      for (Header header : response.getHeaders()) {
        headers.merge(header.getName().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
      }
      HttpEntity entity = response.getEntity();
      InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
      // a body read to its end gives the connection back to the pool; closing one before drops the connection
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

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
    connections.close(CloseMode.GRACEFUL);
  }
}
