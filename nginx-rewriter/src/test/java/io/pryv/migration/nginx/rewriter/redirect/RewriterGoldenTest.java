package io.pryv.migration.nginx.rewriter.redirect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ToolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden tests on every Pryv site-443.conf layout, and on a synthetic CRLF/tabs/include layout. */
class RewriterGoldenTest {
  private static final HostAndPort DEST = HostAndPort.parse("10.0.0.2", 443);
  private static final HostAndPort OTHER = HostAndPort.parse("10.0.0.3:8443", 443);
  private static final Pattern ACTIVE_PROXY_PASS =
      Pattern.compile("(?m)^[ \\t]*proxy_pass\\s+(\\S+);");

  @TempDir Path work;
  private final Rewriter rewriter = new Rewriter(Optional.empty());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cluster-core",
        "single-node",
        "pre-1.7-core-router-audit",
        "socketio-1",
        "cluster-static"
      })
  void pryvLayoutRedirectsAsGoldenIsIdempotentRepointsAndRollsBackByteForByte(String layout)
      throws Exception {
    byte[] original = Fixtures.resource("pryv/" + layout + ".site-443.conf");
    Path site = Fixtures.copy("pryv/" + layout + ".site-443.conf", work, "site-443.conf");
    assertFalse(rewriter.status(site).redirected());

    Rewriter.Outcome first =
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    assertTrue(first.changed());
    byte[] redirected = Files.readAllBytes(site);
    assertArrayEquals(Fixtures.golden(layout + ".redirect.expected", redirected), redirected);
    assertArrayEquals(original, Files.readAllBytes(work.resolve("site-443.conf.bak")));
    assertEveryUpstreamProxyPassIsHttpsWithoutUri(
        new String(redirected, StandardCharsets.UTF_8), first);

    Rewriter.Status status = rewriter.status(site);
    assertTrue(status.redirected());
    assertEquals(List.of("10.0.0.2:443"), List.copyOf(status.targets()));
    assertTrue(status.upstreams().stream().allMatch(u -> "10.0.0.2:443".equals(u.target())));

    Rewriter.Outcome again =
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    assertFalse(again.changed());
    assertArrayEquals(redirected, Files.readAllBytes(site));

    rewriter.redirect(site, OTHER, Optional.empty(), false, Optional.empty());
    assertArrayEquals(
        new String(redirected, StandardCharsets.ISO_8859_1)
            .replace("server 10.0.0.2:443;", "server 10.0.0.3:8443;")
            .getBytes(StandardCharsets.ISO_8859_1),
        Files.readAllBytes(site));

    Files.delete(work.resolve("site-443.conf.bak"));
    Rewriter.Outcome rollback = rewriter.rollback(site, false);
    assertTrue(rollback.changed());
    assertArrayEquals(original, Files.readAllBytes(site));
    assertFalse(rewriter.status(site).redirected());
    assertFalse(rewriter.rollback(site, false).changed());
  }

  /** No active proxy_pass to an upstream is left on http, and none keeps a URI part. */
  private static void assertEveryUpstreamProxyPassIsHttpsWithoutUri(
      String text, Rewriter.Outcome outcome) {
    List<String> upstreams = outcome.upstreams().stream().map(u -> u.name().toLowerCase()).toList();
    Matcher matcher = ACTIVE_PROXY_PASS.matcher(text);
    int checked = 0;
    while (matcher.find()) {
      String url = matcher.group(1);
      String host = RedirectPlanner.hostOf(url);
      if (upstreams.contains(host.toLowerCase())) {
        assertEquals("https://" + host, url, "active line " + matcher.group());
        checked++;
      }
    }
    assertEquals(outcome.proxyPasses().size(), checked);
    assertTrue(checked > 0);
  }

  @Test
  void currentClusterCoreRewritesTheLinesTheRunbookGetsWrong() throws Exception {
    Path site = Fixtures.copy("pryv/cluster-core.site-443.conf", work, "site-443.conf");
    Rewriter.Outcome outcome =
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    assertEquals(
        List.of(
            "core_server",
            "mfa_server",
            "websocket_server",
            "hfs_server",
            "preview_server",
            "follower_server"),
        outcome.upstreams().stream().map(UpstreamChange::name).toList());
    String text = Files.readString(site);
    assertTrue(
        text.contains(
            "    proxy_pass https://mfa_server;"
                + Marks.ADDED
                + "\n    "
                + Marks.WAS
                + "proxy_pass http://mfa_server/login;\n"),
        text);
    assertTrue(
        text.contains(
            "    proxy_pass https://preview_server;"
                + Marks.ADDED
                + "\n    "
                + Marks.WAS
                + "proxy_pass http://preview_server/;    \n"),
        text);
    assertTrue(text.contains("proxy_pass https://websocket_server;" + Marks.ADDED), text);
    assertTrue(
        text.contains("proxy_pass https://pryv.github.io/app-web/;"), "other hosts are left alone");
    // limit_except does not accept proxy_ssl_*: they go to its location, above the limit_except
    // block.
    assertTrue(
        text.contains(
            "    proxy_ssl_server_name on; proxy_ssl_name $host;"
                + Marks.ADDED
                + "\n    limit_except GET {\n      proxy_pass https://core_server;"
                + Marks.ADDED),
        text);
    assertEquals(9, outcome.sslAdditions().size());
    assertEquals(1, outcome.warnings().size(), outcome.warnings().toString());
    assertTrue(outcome.warnings().get(0).contains("https://pryv.github.io/app-web/"));
  }

  @Test
  void singleNodeServersThatDoNotSetHostAreReported() throws Exception {
    Path site = Fixtures.copy("pryv/single-node.site-443.conf", work, "site-443.conf");
    List<String> warnings =
        rewriter.redirect(site, DEST, Optional.empty(), true, Optional.empty()).warnings();
    assertEquals(
        List.of(
            site
                + ":55: the proxy_set_header lines of this server do not set Host, so dest receives Host: leader_server"
                + " (add proxy_set_header Host $host; there)",
            site
                + ":77: the proxy_set_header lines of this server do not set Host, so dest receives Host:"
                + " admin_panel_server (add proxy_set_header Host $host; there)"),
        warnings.subList(0, 2));
    assertEquals(3, warnings.size(), warnings.toString());
  }

  @Test
  void crlfTabsAndUpstreamsInAnIncludedFileAreEditedInTheirOwnFiles() throws Exception {
    Path dir = Fixtures.copyFolder("golden/tabs-crlf-includes", work);
    Map<String, byte[]> before = Fixtures.snapshot(dir);
    Path site = dir.resolve("site.conf");
    Rewriter.Outcome outcome =
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    assertArrayEquals(
        Fixtures.golden("tabs-crlf-includes.site.expected", Files.readAllBytes(site)),
        Files.readAllBytes(site));
    Path upstreams = dir.resolve("upstreams.conf");
    assertArrayEquals(
        Fixtures.golden("tabs-crlf-includes.upstreams.expected", Files.readAllBytes(upstreams)),
        Files.readAllBytes(upstreams));
    assertTrue(Files.exists(dir.resolve("upstreams.conf.bak")));
    assertEquals(
        List.of(
            "http://core_server",
            "http://MFA_server/login",
            "https://core_server/secure",
            "http://core_server/multi"),
        outcome.proxyPasses().stream().map(ProxyPassChange::from).toList());
    // location /secure was https already: it gets the SNI name it lacked too
    assertEquals(
        List.of(
            List.of("proxy_ssl_server_name on;", "proxy_ssl_name $host;"),
            List.of("proxy_ssl_name $host;"),
            List.of("proxy_ssl_name $host;"),
            List.of("proxy_ssl_server_name on;", "proxy_ssl_name $host;")),
        outcome.sslAdditions().stream().map(SslAddition::directives).toList());
    assertEquals(5, outcome.warnings().size(), outcome.warnings().toString());
    assertTrue(
        outcome.warnings().get(0).contains("grpc_pass grpc://core_server"),
        outcome.warnings().get(0));
    assertTrue(
        outcome
            .warnings()
            .get(1)
            .endsWith(
                "site.conf:9: no proxy_set_header Host applies here; unless"
                    + " nginx.conf sets it in http, dest receives Host: core_server"),
        outcome.warnings().get(1));

    assertFalse(rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()).changed());
    rewriter.rollback(site, false);
    Map<String, byte[]> after = Fixtures.snapshot(dir);
    for (String name : List.of("site.conf", "upstreams.conf")) {
      assertArrayEquals(before.get(name), after.get(name), name);
    }
  }

  @Test
  void onlyRedirectsTheNamedUpstreamsAndALaterRunAddsToThem() throws Exception {
    Path site = Fixtures.copy("pryv/cluster-core.site-443.conf", work, "site-443.conf");
    rewriter.redirect(site, DEST, Optional.of(List.of("MFA_server")), false, Optional.empty());
    Rewriter.Status status = rewriter.status(site);
    assertEquals(
        List.of("mfa_server"),
        status.upstreams().stream()
            .filter(u -> u.target() != null)
            .map(Rewriter.UpstreamState::name)
            .toList());
    String text = Files.readString(site);
    assertTrue(text.contains("proxy_pass http://core_server;\n"), "core_server untouched");
    rewriter.redirect(site, DEST, Optional.of(List.of("hfs_server")), false, Optional.empty());
    assertEquals(
        List.of("mfa_server", "hfs_server"),
        rewriter.status(site).upstreams().stream()
            .filter(u -> u.target() != null)
            .map(Rewriter.UpstreamState::name)
            .toList());
    rewriter.rollback(site, false);
    assertArrayEquals(
        Fixtures.resource("pryv/cluster-core.site-443.conf"), Files.readAllBytes(site));
  }

  @Test
  void unknownOnlyNameListsTheUpstreamsFoundAndTouchesNothing() throws Exception {
    Path site = Fixtures.copy("pryv/cluster-core.site-443.conf", work, "site-443.conf");
    ToolException e =
        assertThrows(
            ToolException.class,
            () ->
                rewriter.redirect(
                    site,
                    DEST,
                    Optional.of(List.of("core_server", "nope")),
                    false,
                    Optional.empty()));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage().contains("nope")
            && e.getMessage()
                .contains(
                    "core_server, mfa_server,"
                        + " websocket_server, hfs_server, preview_server, follower_server"),
        e.getMessage());
    assertUntouched(site, "pryv/cluster-core.site-443.conf");
  }

  @Test
  void dryRunReturnsTheDiffAndWritesNothing() throws Exception {
    Path site = Fixtures.copy("pryv/cluster-core.site-443.conf", work, "site-443.conf");
    Rewriter.Outcome outcome =
        rewriter.redirect(site, DEST, Optional.empty(), true, Optional.empty());
    String diff = outcome.files().get(0).diff();
    assertTrue(diff.startsWith("--- " + site + "\n+++ " + site + "\n@@ -1,"), diff);
    assertTrue(diff.contains("\n-  server core:3000 max_fails=3 fail_timeout=30s;\n"), diff);
    assertTrue(
        diff.contains(
            "\n+  server 10.0.0.2:443;" + Marks.ADDED + "\n+  " + Marks.WAS + "server core:3000"),
        diff);
    assertNull(outcome.files().get(0).backup());
    assertUntouched(site, "pryv/cluster-core.site-443.conf");
    assertFalse(Files.exists(work.resolve("site-443.conf.bak")));
  }

  @Test
  void ipv6AndHostNameTargetsAreWrittenAsNginxExpectsThem() throws Exception {
    Path site = Fixtures.copy("pryv/cluster-core.site-443.conf", work, "site-443.conf");
    rewriter.redirect(
        site, HostAndPort.parse("[2001:db8::2]", 443), Optional.empty(), false, Optional.empty());
    assertTrue(Files.readString(site).contains("  server [2001:db8::2]:443;" + Marks.ADDED + "\n"));
    assertEquals("[2001:db8::2]:443", rewriter.status(site).targets().iterator().next());
    rewriter.redirect(
        site,
        HostAndPort.parse("core2.example.com", 443),
        Optional.empty(),
        false,
        Optional.empty());
    assertTrue(
        Files.readString(site).contains("  server core2.example.com:443;" + Marks.ADDED + "\n"));
  }

  @Test
  void anUnparsableFileIsReportedWithFileAndLineAndLeftAlone() throws Exception {
    Path site = work.resolve("broken.conf");
    Files.writeString(
        site, "upstream a {\n  server a:1;\n\nserver {\n  location / { proxy_pass http://a; }\n");
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith(site + ":5: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(
        "upstream a {\n  server a:1;\n\nserver {\n  location / { proxy_pass http://a; }\n",
        Files.readString(site));
  }

  @Test
  void directivesSharingTheirLineAreEditedInAMarkedCopyOfTheLineAndRolledBackExactly()
      throws Exception {
    Path site = work.resolve("one-line.conf");
    String text =
        "upstream a { server a:1; server b:2 backup; }\n"
            + "server {\n"
            + "  location /x { proxy_pass http://a/x; }\n"
            + "  location /y {\n"
            + "    proxy_pass http://a; proxy_set_header Host $host;\n"
            + "  }\n"
            + "}";
    Files.writeString(site, text);
    Rewriter.Outcome outcome =
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    assertEquals(
        List.of("http://a/x", "http://a"),
        outcome.proxyPasses().stream().map(ProxyPassChange::from).toList());
    assertEquals(
        "upstream a { server 10.0.0.2:443;  }"
            + Marks.ADDED
            + "\n"
            + Marks.WAS
            + "upstream a { server a:1; server b:2 backup; }\n"
            + "server {\n"
            + "  location /x { proxy_ssl_server_name on; proxy_ssl_name $host; proxy_pass https://a; }"
            + Marks.ADDED
            + "\n"
            + "  "
            + Marks.WAS
            + "location /x { proxy_pass http://a/x; }\n"
            + "  location /y {\n"
            + "    proxy_ssl_server_name on; proxy_ssl_name $host; proxy_pass https://a; proxy_set_header Host $host;"
            + Marks.ADDED
            + "\n"
            + "    "
            + Marks.WAS
            + "proxy_pass http://a; proxy_set_header Host $host;\n"
            + "  }\n"
            + "}",
        Files.readString(site));
    assertEquals(List.of("10.0.0.2:443"), List.copyOf(rewriter.status(site).targets()));
    assertFalse(rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()).changed());
    rewriter.rollback(site, false);
    assertEquals(text, Files.readString(site));
  }

  @Test
  void anHttpsProxyPassToARedirectedUpstreamGetsTheSniSettingsToo() throws Exception {
    Path site = work.resolve("https.conf");
    String text =
        "upstream a {\n  server a:1;\n}\nserver {\n  location / {\n    proxy_pass https://a;\n  }\n}\n";
    Files.writeString(site, text);
    Rewriter.Outcome outcome =
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    assertEquals(
        List.of(), outcome.proxyPasses(), "already https without URI part: the line stays");
    assertEquals(
        "upstream a {\n  server 10.0.0.2:443;"
            + Marks.ADDED
            + "\n  "
            + Marks.WAS
            + "server a:1;\n}\n"
            + "server {\n  location / {\n    proxy_ssl_server_name on; proxy_ssl_name $host;"
            + Marks.ADDED
            + "\n"
            + "    proxy_pass https://a;\n  }\n}\n",
        Files.readString(site));
    rewriter.rollback(site, false);
    assertEquals(text, Files.readString(site));
  }

  @Test
  void aQuotedArgumentOverSeveralLinesNextToADirectiveToChangeIsRefusedNotMangled()
      throws Exception {
    Path site = work.resolve("quoted.conf");
    String text =
        "upstream a {\n  server a:1;\n}\nserver {\n  location / {\n"
            + "    add_header X \"two\nlines\"; proxy_pass http://a;\n  }\n}\n";
    Files.writeString(site, text);
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage().startsWith(site + ":6: an argument of add_header runs over several lines"),
        e.getMessage());
    assertEquals(text, Files.readString(site));
  }

  @Test
  void aCrlfSiteFileIsRedirectedReportedAndRolledBackByteForByte() throws Exception {
    byte[] lf = Fixtures.resource("pryv/cluster-core.site-443.conf");
    String crlf = Marks.text(lf).replace("\n", "\r\n");
    Path site = work.resolve("site-443.conf");
    Files.write(site, Marks.bytes(crlf));
    Rewriter.Outcome dryRun =
        rewriter.redirect(site, DEST, Optional.empty(), true, Optional.empty());
    assertEquals(crlf, Marks.text(Files.readAllBytes(site)), "a dry run writes nothing");

    Rewriter.Outcome outcome =
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    String written = Marks.text(Files.readAllBytes(site));
    assertEquals(
        dryRun.files().get(0).diff(),
        io.pryv.migration.common.UnifiedDiff.diff(site.toString(), site.toString(), crlf, written),
        "the dry run shows exactly what redirect writes");
    assertEquals(outcome.upstreams().size(), 6);
    assertFalse(written.replace("\r\n", "").contains("\n"), "every line written ends in CRLF");
    Rewriter.Status status = rewriter.status(site);
    assertTrue(status.redirected());
    assertTrue(
        status.upstreams().stream().allMatch(u -> "10.0.0.2:443".equals(u.target())),
        status.toString());
    assertFalse(rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()).changed());
    rewriter.rollback(site, false);
    assertEquals(crlf, Marks.text(Files.readAllBytes(site)));
  }

  @Test
  void aFileWithoutUpstreamIsBadInput() throws Exception {
    Path site = work.resolve("plain.conf");
    Files.writeString(site, "server {\n  listen 80;\n}\n");
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("no upstream"), e.getMessage());
  }

  private static void assertUntouched(Path file, String resource) throws Exception {
    assertArrayEquals(Fixtures.resource(resource), Files.readAllBytes(file));
  }

  @Test
  void refusesWhenAnIncludeGlobWouldLoadTheBackup() throws Exception {
    Files.createDirectories(work.resolve("sites-enabled"));
    Path main = work.resolve("nginx.conf");
    Files.writeString(main, "http {\n  include sites-enabled/*;\n}\n");
    Path site = work.resolve("sites-enabled/default");
    String original =
        "upstream core_server {\n  server 127.0.0.1:3000;\n}\nserver {\n  listen 80;\n"
            + "  location / {\n    proxy_pass http://core_server;\n  }\n}\n";
    Files.writeString(site, original);
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> rewriter.redirect(main, DEST, Optional.empty(), false, Optional.empty()));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage().contains(":2: include sites-enabled/* would load the backup default.bak"),
        e.getMessage());
    assertEquals(original, Files.readString(site));
    assertFalse(Files.exists(work.resolve("sites-enabled/default.bak")));
    assertTrue(
        rewriter.redirect(main, DEST, Optional.empty(), true, Optional.empty()).changed(),
        "a dry run still shows the diff");
  }

  @Test
  void aSiteLinkedFromAnIncludedFolderKeepsItsBackupBesideTheTarget() throws Exception {
    Files.createDirectories(work.resolve("sites-enabled"));
    Files.createDirectories(work.resolve("sites-available"));
    Path main = work.resolve("nginx.conf");
    Files.writeString(main, "http {\n  include sites-enabled/*;\n}\n");
    Path target = work.resolve("sites-available/default");
    Files.writeString(
        target,
        "upstream core_server {\n  server 127.0.0.1:3000;\n}\nserver {\n  listen 80;\n"
            + "  location / {\n    proxy_pass http://core_server;\n  }\n}\n");
    Path link =
        Files.createSymbolicLink(
            work.resolve("sites-enabled/default"), Path.of("../sites-available/default"));

    assertTrue(rewriter.redirect(main, DEST, Optional.empty(), false, Optional.empty()).changed());

    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.exists(work.resolve("sites-available/default.bak")));
    assertFalse(Files.exists(work.resolve("sites-enabled/default.bak")));
    assertTrue(rewriter.status(main).redirected());
  }

  @Test
  void aFileThatCannotBeWrittenPutsBackTheFilesAlreadyWritten() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "chattr +i needs root (CI runs as root)");
    Path site = work.resolve("site.conf");
    String siteText =
        "include upstreams.conf;\nserver {\n  listen 80;\n  location / {\n"
            + "    proxy_pass http://core_server;\n  }\n}\n";
    Files.writeString(site, siteText);
    String upstreamsText = "upstream core_server {\n  server 127.0.0.1:3000;\n}\n";
    Files.writeString(work.resolve("upstreams.conf"), upstreamsText);
    List<Rewriter.FileResult> planned =
        rewriter.redirect(site, DEST, Optional.empty(), true, Optional.empty()).files();
    assertEquals(
        2, planned.stream().filter(Rewriter.FileResult::changed).count(), "both files change");
    Path last = work.resolve(Path.of(planned.get(planned.size() - 1).file()).getFileName());
    // an immutable file cannot be replaced, even by root: the second write fails after the first
    // succeeded
    assertEquals(
        0, new ProcessBuilder("chattr", "+i", last.toString()).inheritIO().start().waitFor());
    try {
      assertThrows(
          ToolException.class,
          () -> rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()));
    } finally {
      new ProcessBuilder("chattr", "-i", last.toString()).inheritIO().start().waitFor();
    }
    assertEquals(siteText, Files.readString(site));
    assertEquals(upstreamsText, Files.readString(work.resolve("upstreams.conf")));
    assertFalse(rewriter.status(site).redirected());
  }
}
