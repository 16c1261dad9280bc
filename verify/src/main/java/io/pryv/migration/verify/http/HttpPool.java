package io.pryv.migration.verify.http;

import io.pryv.migration.common.ToolException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * One Apache HttpClient 5 connection pool for a whole run, whatever the number of origins (with an
 * API template such as {@code https://{username}.pryv.me/} every account is its own origin). {@code
 * --resolve} is its {@link DnsResolver}: a host named by a rule connects to the rule's address
 * while the Host header, the TLS SNI and the certificate's host-name check keep the URL's host
 * name, as curl does. Redirects, retries (the caller retries), cookies and content decompression
 * are off.
 */
public final class HttpPool implements AutoCloseable {
  private static final int PER_ORIGIN = 16;
  private static final int TOTAL = 64;

  private final List<ResolveRule> resolve;

  /** host name (lower case) → the --resolve address its connections go to. */
  private final Map<String, String> addresses = new ConcurrentHashMap<>();

  private final PoolingHttpClientConnectionManager connections;
  private final CloseableHttpClient client;

  /**
   * @param https whether the origins use TLS (the TLS settings are read only then)
   */
  public HttpPool(
      List<ResolveRule> resolve,
      TlsSettings tlsSettings,
      boolean https,
      Duration connectTimeout,
      Duration readTimeout) {
    this.resolve = List.copyOf(resolve);
    PoolingHttpClientConnectionManagerBuilder pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new Resolver())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(connectTimeout))
                    .setSocketTimeout(Timeout.of(readTimeout))
                    .build())
            .setDefaultSocketConfig(
                SocketConfig.custom()
                    .setTcpNoDelay(true)
                    .setSoTimeout(Timeout.of(readTimeout))
                    .build())
            .setMaxConnTotal(TOTAL)
            .setMaxConnPerRoute(PER_ORIGIN);
    if (https) {
      ClientTlsStrategyBuilder tls =
          ClientTlsStrategyBuilder.create().setSslContext(tlsSettings.sslContext());
      if (tlsSettings.insecure()) {
        tls.setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
            .setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
      } else {
        // the JDK checks the name during the handshake (endpoint identification), against the URL's
        // host
        tls.setHostVerificationPolicy(HostnameVerificationPolicy.BUILTIN);
      }
      pool.setTlsSocketStrategy(tls.buildClassic());
    }
    this.connections = pool.build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(connections)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .build();
  }

  /** The requests to one origin, through this pool. */
  public HttpTransport transport(URI origin) {
    return new HttpTransport(this, origin, false);
  }

  /** Where connections to this host and port go: the --resolve address, or the host itself. */
  String connectAddress(String host, int port) {
    for (ResolveRule rule : resolve) {
      if (rule.matches(host, port)) {
        return rule.address();
      }
    }
    return host;
  }

  /**
   * Makes the resolver send this origin's connections where --resolve says. The resolver sees a
   * host name only, so one host reached on two ports must have one address.
   */
  void register(String host, int port) {
    String address = connectAddress(host, port);
    String key = host.toLowerCase(Locale.ROOT);
    String before = addresses.putIfAbsent(key, address);
    if (before != null && !before.equals(address)) {
      throw ToolException.usage(
          "--resolve gives "
              + host
              + " two addresses ("
              + before
              + ", "
              + address
              + ") on two ports; verify reaches one host at one address");
    }
  }

  /** Connections open in the pool now, idle or in use. */
  public int openConnections() {
    return connections.getTotalStats().getAvailable() + connections.getTotalStats().getLeased();
  }

  CloseableHttpClient client() {
    return client;
  }

  /**
   * --resolve: the chosen address for a registered host; the system's resolver for anything else.
   */
  private final class Resolver implements DnsResolver {
    @Override
    public InetAddress[] resolve(String name) throws UnknownHostException {
      String address = addresses.get(name.toLowerCase(Locale.ROOT));
      if (address != null && !address.equalsIgnoreCase(name)) {
        return new InetAddress[] {InetAddress.getByName(address)}; // a literal address: no lookup
      }
      return SystemDefaultDnsResolver.INSTANCE.resolve(name);
    }

    @Override
    public String resolveCanonicalHostname(String name) {
      return name;
    }
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
    connections.close(CloseMode.GRACEFUL);
  }
}
