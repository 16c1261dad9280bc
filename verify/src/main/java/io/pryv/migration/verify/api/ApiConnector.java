package io.pryv.migration.verify.api;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.verify.http.HttpPool;
import io.pryv.migration.verify.http.HttpTransport;
import io.pryv.migration.verify.http.ResolveRule;
import io.pryv.migration.verify.http.TlsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code --api URL} into per-account endpoints. The URL is either a core base ({@code
 * https://core/}, the account path is appended) or a template with {@code {username}} ({@code
 * https://{username}.pryv.me/}). One connection pool for the run, shared by every origin (with a
 * template, each account is an origin).
 */
public final class ApiConnector implements AutoCloseable {
  private final String apiTemplate;
  private final RetryPolicy retry;
  private final HttpPool pool;
  private final Map<String, HttpTransport> transports = new HashMap<>();

  public ApiConnector(
      String apiTemplate,
      List<ResolveRule> resolve,
      TlsSettings tls,
      RetryPolicy retry,
      Duration timeout) {
    this.apiTemplate = apiTemplate;
    this.retry = retry;
    URI example = parse(apiTemplate.replace("{username}", "user"));
    this.pool = new HttpPool(resolve, tls, example.getScheme().equals("https"), timeout, timeout);
  }

  /** The API of one account. */
  public PryvApi account(String user, String token) {
    String url =
        apiTemplate.contains("{username}")
            ? apiTemplate.replace("{username}", user)
            : (apiTemplate.endsWith("/") ? apiTemplate : apiTemplate + "/") + user + "/";
    return endpoint(parse(url), token);
  }

  /** The API root of the core (for {@code /}, {@code /status}, {@code /service/info}). */
  public PryvApi root() {
    URI uri =
        parse(
            apiTemplate.contains("{username}")
                ? apiTemplate.replace("{username}.", "").replace("{username}/", "")
                : apiTemplate);
    return endpoint(uri, null);
  }

  private PryvApi endpoint(URI uri, String token) {
    String origin = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    HttpTransport transport;
    synchronized (transports) {
      transport = transports.computeIfAbsent(origin, o -> pool.transport(uri));
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new PryvApi(transport, path, token, retry);
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getRawUserInfo() != null) {
        throw ToolException.usage(
            "--api must not carry a token (user info); use --token-file or PRYV_TOKEN");
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
          || uri.getHost() == null) {
        throw ToolException.usage(
            "--api takes an http(s) URL such as https://core.example.com/, not '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw ToolException.usage("--api: not a URL (" + e.getReason() + ")");
    }
  }

  @Override
  public void close() {
    synchronized (transports) {
      transports.clear();
    }
    pool.close();
  }
}
