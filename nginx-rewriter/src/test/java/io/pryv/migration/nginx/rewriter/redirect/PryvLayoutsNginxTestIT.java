package io.pryv.migration.nginx.rewriter.redirect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.nginx.rewriter.nginxtest.NginxSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Pryv layout's golden redirect output, and its rollback, must pass the real {@code nginx -t}
 * (through {@link NginxSandbox}, which stands in for certificates, logs and the pid file). What
 * only resolves on Pryv's machines is swapped in the text given to nginx, never in the files the
 * tool writes: the docker service names of upstream servers become 127.0.0.1 (same ports), and
 * pryv.github.io (an upstream-less proxy_pass, which nginx resolves when it loads the config) is an
 * upstream of a stand-in file that includes the site. Before each run a guard checks that every
 * host nginx would look up is an IP literal or an upstream name, so nginx never queries DNS.
 */
class PryvLayoutsNginxTestIT {
  private static final HostAndPort DEST = HostAndPort.parse("10.0.0.2", 443);

  /**
   * Pryv's deployment writes the app-web-auth URL over this placeholder when it renders the
   * template.
   */
  private static final String PLACEHOLDER = "APP_WEB_AUTH_URL";

  private static final String STAND_INS =
      "upstream pryv.github.io { server 127.0.0.3:443; }\ninclude site-443.conf;\n";
  private static final Pattern DOCKER_SERVER =
      Pattern.compile("(?m)^([ \\t]*server[ \\t]+)[A-Za-z][A-Za-z0-9_.-]*(:\\d+)");
  private static final Pattern UPSTREAM =
      Pattern.compile("(?m)^[ \\t]*upstream[ \\t]+(\\S+)[ \\t]*\\{");
  private static final Pattern UPSTREAM_SERVER =
      Pattern.compile("(?m)^[ \\t]*server[ \\t]+([^\\s;{]+)[^;{\\n]*;");
  private static final Pattern PROXY_PASS =
      Pattern.compile("(?m)^[ \\t]*proxy_pass[ \\t]+([^\\s;]+)[ \\t]*;");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * Two layouts are templates: their {@code proxy_pass APP_WEB_AUTH_URL;} is not a URL until Pryv's
   * deployment renders it, so nginx rejects exactly that line (given here for the redirected and
   * the rolled-back text) and nothing else; rendered with a loopback URL, the same text passes.
   */
  private static final Map<String, List<Integer>> PLACEHOLDER_LINES =
      Map.of("cluster-static", List.of(41, 37), "single-node", List.of(247, 216));

  @TempDir Path work;
  private NginxSandbox sandbox;

  @BeforeEach
  void setUp() {
    sandbox = new NginxSandbox(RequiredPrograms.require("nginx"), ProcessRunner.local());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cluster-core",
        "single-node",
        "pre-1.7-core-router-audit",
        "socketio-1",
        "cluster-static"
      })
  void redirectedGoldenAndItsRollbackPassNginxTest(String layout) throws Exception {
    List<String> texts = redirectAndRollBack(layout);
    List<Integer> placeholderLines = PLACEHOLDER_LINES.getOrDefault(layout, List.of());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (placeholderLines.isEmpty()) {
        assertFalse(text.contains(PLACEHOLDER), layout);
        assertPasses(layout, text);
        continue;
      }
      int line = placeholderLines.get(i);
      assertEquals(
          "proxy_pass        " + PLACEHOLDER + ";", text.split("\n", -1)[line - 1].strip());
      assertEquals(text.indexOf(PLACEHOLDER), text.lastIndexOf(PLACEHOLDER), "one placeholder");
      NginxSandbox.Result template = test(text);
      assertFalse(template.passed(), template.output());
      // the whole output: one error, on that line, after nginx's log prefix (date, time, pid#tid)
      assertTrue(
          template
              .output()
              .matches(
                  "[0-9/]+ [0-9:]+ \\[emerg\\] \\d+#\\d+: invalid URL prefix in"
                      + " site-443\\.conf:"
                      + line
                      + "\nnginx: configuration file SANDBOX/nginx\\.conf test failed"),
          template.output());
      assertPasses(layout, text.replace(PLACEHOLDER, "http://127.0.0.4:8080/"));
    }
  }

  /**
   * The current cluster file with CRLF line ends: the redirect writes the LF golden result with
   * CRLF line ends, status reads it as redirected, nginx -t passes, and rollback gives back every
   * byte.
   */
  @org.junit.jupiter.api.Test
  void crlfClusterCoreRedirectsLikeItsLfGoldenAndPassesNginxTest() throws Exception {
    String crlf =
        Marks.text(Fixtures.resource("pryv/cluster-core.site-443.conf")).replace("\n", "\r\n");
    Path site = work.resolve("site-443.conf");
    Files.write(site, Marks.bytes(crlf));
    Rewriter rewriter = new Rewriter(Optional.empty());
    rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    String redirected = Marks.text(Files.readAllBytes(site));
    assertEquals(
        Marks.text(Fixtures.resource("golden/cluster-core.redirect.expected"))
            .replace("\n", "\r\n"),
        redirected);
    assertTrue(rewriter.status(site).redirected());
    assertPasses("cluster-core CRLF", redirected);
    rewriter.rollback(site, false);
    assertArrayEquals(Marks.bytes(crlf), Files.readAllBytes(site));
  }

  /**
   * Directives that share a line (one-line locations and upstreams) are redirected and nginx -t
   * passes.
   */
  @org.junit.jupiter.api.Test
  void sharedLinesRedirectedPassNginxTest() throws Exception {
    String text =
        "upstream core_server { server 127.0.0.1:3000; server 127.0.0.1:3001; }\r\n"
            + "upstream pryv.github.io { server 127.0.0.3:443; }\r\n"
            + "server {\r\n  listen 127.0.0.1:8443;\r\n"
            + "  location /x { proxy_pass http://core_server/x; }\r\n"
            + "  location / {\r\n    proxy_pass http://core_server; proxy_set_header Host $host;\r\n  }\r\n"
            + "  location /s { proxy_pass https://core_server; }\r\n"
            + "}\r\n";
    Path site = work.resolve("site-443.conf");
    Files.write(site, Marks.bytes(text));
    Rewriter rewriter = new Rewriter(Optional.empty());
    rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    String redirected = Marks.text(Files.readAllBytes(site));
    assertEquals(
        3,
        redirected.split(
                    "proxy_ssl_server_name on; proxy_ssl_name \\$host; proxy_pass https://core_server;",
                    -1)
                .length
            - 1,
        redirected);
    NginxSandbox.Result result =
        sandbox.test(List.of(new NginxSandbox.Input("site-443.conf", redirected, List.of())));
    assertTrue(result.passed(), result.output());
    rewriter.rollback(site, false);
    assertArrayEquals(Marks.bytes(text), Files.readAllBytes(site));
  }

  /**
   * The redirected text (checked against its golden file) and the rolled-back text (the original).
   */
  private List<String> redirectAndRollBack(String layout) throws Exception {
    byte[] original = Fixtures.resource("pryv/" + layout + ".site-443.conf");
    Path site = Fixtures.copy("pryv/" + layout + ".site-443.conf", work, "site-443.conf");
    Rewriter rewriter = new Rewriter(Optional.empty());
    assertTrue(rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()).changed());
    byte[] redirected = Files.readAllBytes(site);
    assertArrayEquals(Fixtures.resource("golden/" + layout + ".redirect.expected"), redirected);
    Files.delete(work.resolve("site-443.conf.bak"));
    assertTrue(rewriter.rollback(site, false).changed());
    byte[] rolledBack = Files.readAllBytes(site);
    assertArrayEquals(original, rolledBack);
    return List.of(Marks.text(redirected), Marks.text(rolledBack));
  }

  private void assertPasses(String layout, String text) throws Exception {
    NginxSandbox.Result result = test(text);
    assertTrue(result.passed(), layout + ":\n" + result.output());
    assertTrue(result.output().endsWith("test is successful"), result.output());
  }

  private NginxSandbox.Result test(String text) throws Exception {
    String site = DOCKER_SERVER.matcher(text).replaceAll("$1127.0.0.1$2");
    List<NginxSandbox.Input> inputs =
        List.of(
            new NginxSandbox.Input("stand-ins.conf", STAND_INS, List.of(List.of(1))),
            new NginxSandbox.Input("site-443.conf", site, List.of()));
    assertNothingToResolve(inputs);
    return sandbox.test(inputs);
  }

  /**
   * Every upstream server and proxy_pass host is an IP literal or a defined upstream: nothing for
   * DNS.
   */
  private static void assertNothingToResolve(List<NginxSandbox.Input> inputs) {
    Set<String> upstreams = new HashSet<>();
    StringBuilder active = new StringBuilder();
    for (NginxSandbox.Input input : inputs) {
      for (String line : input.text().split("\n")) {
        int comment = line.indexOf('#');
        active.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
      }
    }
    Matcher upstream = UPSTREAM.matcher(active);
    while (upstream.find()) {
      upstreams.add(upstream.group(1).toLowerCase());
    }
    Matcher server = UPSTREAM_SERVER.matcher(active);
    while (server.find()) {
      String address = server.group(1);
      String host =
          address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
      if (!IPV4.matcher(host).matches()) {
        fail("nginx would resolve upstream server " + address);
      }
    }
    Matcher proxyPass = PROXY_PASS.matcher(active);
    int urls = 0;
    while (proxyPass.find()) {
      String url = proxyPass.group(1);
      if (url.equals(PLACEHOLDER)) {
        continue; // rejected by nginx while parsing, before any name is resolved
      }
      String host = RedirectPlanner.hostOf(url).replaceFirst(":\\d+$", "").toLowerCase();
      if (!upstreams.contains(host) && !IPV4.matcher(host).matches()) {
        fail("nginx would resolve " + host + " of proxy_pass " + url);
      }
      urls++;
    }
    assertTrue(urls > 0 && upstreams.contains("pryv.github.io"), active.toString());
  }
}
