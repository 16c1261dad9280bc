package io.pryv.migration.verify.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.verify.api.PryvApi;
import io.pryv.migration.verify.api.Query;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code health}: the core answers (API root, {@code /status} where it exists, service info), TLS is valid, and a
 * token can read. Every probe is reported; a failing one does not stop the others.
 */
public final class HealthCheck {
  private final PryvApi root;
  private final PryvApi account;
  private final boolean insecure;

  /** One probe's result: {@code ok}, {@code warn} or {@code fail}. */
  public record Probe(String name, String status, String detail) { }

  /** @param account the account API with its token, or null when no --user was given */
  public HealthCheck(PryvApi root, PryvApi account, boolean insecure) {
    this.root = root;
    this.account = account;
    this.insecure = insecure;
  }

  public List<Probe> run() {
    List<Probe> probes = new ArrayList<>();
    probes.add(probe("api root", () -> {
      JsonNode body = root.getJson("", new Query());
      String version = body.path("meta").path("apiVersion").asText(null);
      if (version == null) {
        return new Probe("api root", "fail", "answers, but not like a Pryv.io API (no meta.apiVersion)");
      }
      return new Probe("api root", "ok", "Pryv.io API " + version);
    }));
    probes.add(probe("/status", () -> {
      int status = root.probe("status");
      if (status == 200) {
        return new Probe("/status", "ok", "HTTP 200");
      }
      if (status == 404) {
        return new Probe("/status", "ok", "not present (HTTP 404: open-pryv.io and v2 cores have no /status)");
      }
      return new Probe("/status", "fail", "HTTP " + status);
    }));
    probes.add(probe("service/info", () -> {
      PryvApi where = account != null ? account.withToken(null) : root;
      JsonNode info = where.getJson("service/info", new Query());
      return new Probe("service/info", "ok", "'" + info.path("name").asText("?") + "' version "
          + info.path("version").asText("?") + ", api " + info.path("api").asText("?"));
    }));
    probes.add(tls());
    if (account == null) {
      probes.add(new Probe("token", "warn", "not checked: give --user (and a token) to check that a token can read"));
    } else if (!account.hasToken()) {
      probes.add(new Probe("token", "warn", "not checked: no token (--token-file or PRYV_TOKEN)"));
    } else {
      probes.add(probe("token", () -> {
        JsonNode info = account.getJson("access-info", new Query());
        account.getJson("events", Query.of("limit", "1"));
        return new Probe("token", "ok", info.path("type").asText("?") + " access '" + info.path("name").asText("?")
            + "' can read events");
      }));
    }
    return probes;
  }

  private Probe tls() {
    if (!root.transport().secure()) {
      return new Probe("tls", "warn", "plain HTTP: no TLS to check");
    }
    Certificate certificate = root.transport().peerCertificate();
    if (certificate == null) {
      return new Probe("tls", "fail", "no TLS session was established");
    }
    String subject = certificate instanceof X509Certificate x509
        ? x509.getSubjectX500Principal().getName() + ", valid until " + x509.getNotAfter().toInstant()
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
