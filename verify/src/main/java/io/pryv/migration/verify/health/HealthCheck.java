package io.pryv.migration.verify.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.verify.api.ApiError;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Query;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code health}: every probe proves something about the core, and a failing one does not stop the
 * others.
 *
 * <ul>
 *   <li>api root: {@code GET /} answers with a Pryv.io envelope (the API process runs). On a live
 *       core any one-segment path ({@code /status}, {@code /nosuchuser}) answers the same, so no
 *       such path is probed.
 *   <li>service info: a service-info document with its {@code api} URL, where the core serves it:
 *       {@code /service/info} (classic core), {@code /reg/service/info} (dnsLess core, where {@code
 *       /service/info} is an unknown user), {@code /{user}/service/info} (both, with {@code
 *       --user}).
 *   <li>tls: the certificate is valid for the host name (checked by the handshake itself).
 *   <li>token: an authenticated read ({@code access-info} and one {@code events.get}) with the
 *       account's token.
 * </ul>
 */
public final class HealthCheck {
  private final PryvApi root;
  private final PryvApi account;
  private final boolean insecure;

  /** One probe's result: {@code ok}, {@code warn} or {@code fail}. */
  public record Probe(String name, String status, String detail) {}

  /**
   * @param account the account API with its token, or null when no --user was given
   */
  public HealthCheck(PryvApi root, PryvApi account, boolean insecure) {
    this.root = root;
    this.account = account;
    this.insecure = insecure;
  }

  public List<Probe> run() {
    List<Probe> probes = new ArrayList<>();
    probes.add(
        probe(
            "api root",
            () -> {
              JsonNode body = root.getJson("", new Query());
              String version = body.path("meta").path("apiVersion").asText(null);
              if (version == null) {
                return new Probe(
                    "api root",
                    "fail",
                    "GET "
                        + root.pathOf("")
                        + " answers, but not like a Pryv.io API (no"
                        + " meta.apiVersion)");
              }
              return new Probe(
                  "api root", "ok", "Pryv.io API " + version + " answers GET " + root.pathOf(""));
            }));
    probes.add(probe("service info", this::serviceInfo));
    probes.add(tls());
    if (account == null) {
      probes.add(
          new Probe(
              "token",
              "warn",
              "not checked: give --user (and a token) to check that a token can read"));
    } else if (!account.hasToken()) {
      probes.add(new Probe("token", "warn", "not checked: no token (--token-file or PRYV_TOKEN)"));
    } else {
      probes.add(
          probe(
              "token",
              () -> {
                JsonNode info = account.getJson("access-info", new Query());
                account.getJson("events", Query.of("limit", "1"));
                return new Probe(
                    "token",
                    "ok",
                    info.path("type").asText("?")
                        + " access '"
                        + info.path("name").asText("?")
                        + "' can read events");
              }));
    }
    return probes;
  }

  /**
   * The first place that serves service info with an {@code api} URL; every place tried is named on
   * failure.
   */
  private Probe serviceInfo() {
    List<PryvApi> where = new ArrayList<>(List.of(root, root));
    List<String> paths = new ArrayList<>(List.of("service/info", "reg/service/info"));
    if (account != null) {
      where.add(account.withToken(null));
      paths.add("service/info");
    }
    List<String> tried = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      PryvApi api = where.get(i);
      String path = api.pathOf(paths.get(i));
      try {
        JsonNode info = api.getJson(paths.get(i), new Query());
        String url = info.path("api").asText(null);
        if (url == null || url.isBlank()) {
          tried.add(path + ": no api URL");
          continue;
        }
        return new Probe(
            "service info",
            "ok",
            path
                + ": '"
                + info.path("name").asText("?")
                + "' version "
                + info.path("version").asText("?")
                + ", api "
                + url);
      } catch (ApiError e) {
        tried.add(path + ": HTTP " + e.status() + " " + e.errorId());
      }
    }
    return new Probe(
        "service info",
        "fail",
        "no service info with an api URL ("
            + String.join("; ", tried)
            + ")"
            + (account == null ? "; --user also tries /USER/service/info" : ""));
  }

  private Probe tls() {
    if (!root.transport().secure()) {
      return new Probe("tls", "warn", "plain HTTP: no TLS to check");
    }
    Certificate certificate = root.transport().peerCertificate();
    if (certificate == null) {
      return new Probe("tls", "fail", "no TLS session was established");
    }
    String subject =
        certificate instanceof X509Certificate x509
            ? x509.getSubjectX500Principal().getName()
                + ", valid until "
                + x509.getNotAfter().toInstant()
            : certificate.getType();
    if (insecure) {
      return new Probe("tls", "warn", "NOT checked (--insecure): " + subject);
    }
    return new Probe("tls", "ok", "certificate valid for the host name (" + subject + ")");
  }

  private interface Body {
    Probe run();
  }

  private static Probe probe(String name, Body body) {
    try {
      return body.run();
    } catch (ToolException e) {
      return new Probe(name, "fail", e.getMessage());
    }
  }
}
