package io.pryv.migration.nginx.rewriter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.JsonOutput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command end to end in the JVM: exit codes, one-line errors, text and JSON output, files
 * untouched.
 */
class NginxRewriterToolTest {
  @TempDir Path work;
  private Path site;
  private byte[] original;

  @BeforeEach
  void copySite() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/pryv/cluster-core.site-443.conf")) {
      original = in.readAllBytes();
    }
    site = work.resolve("site-443.conf");
    Files.write(site, original);
  }

  @Test
  void redirectStatusRollbackRoundTripWithTheirExitCodes() throws Exception {
    ToolRun notYet = run("status", site.toString());
    assertEquals(1, notYet.code());
    assertTrue(notYet.out().startsWith(site + ": not redirected (6 upstreams)"), notYet.out());

    ToolRun redirect = run("redirect", site.toString(), "--to", "10.0.0.2");
    assertEquals(0, redirect.code(), redirect.err());
    assertTrue(
        redirect
            .out()
            .startsWith("redirected " + site + " to 10.0.0.2:443 (backup: " + site + ".bak)\n"),
        redirect.out());
    assertTrue(
        redirect
            .out()
            .contains("  " + site + ":76  http://mfa_server/login -> https://mfa_server\n"),
        redirect.out());
    assertTrue(
        redirect
            .err()
            .contains("warning: " + site + ":111: proxy_pass https://pryv.github.io/app-web/"),
        redirect.err());

    ToolRun status = run("status", site.toString());
    assertEquals(0, status.code());
    assertTrue(
        status.out().startsWith(site + ": redirected to 10.0.0.2:443 (6 of 6 upstreams)\n"),
        status.out());

    ToolRun again = run("redirect", site.toString(), "--to", "10.0.0.2:443");
    assertEquals(0, again.code());
    assertTrue(
        again.out().startsWith(site + " is already redirected to 10.0.0.2:443: nothing to do"),
        again.out());

    ToolRun rollback = run("rollback", site.toString());
    assertEquals(0, rollback.code(), rollback.err());
    assertArrayEquals(original, Files.readAllBytes(site));
    assertEquals(1, run("status", site.toString()).code());
  }

  @Test
  void dryRunPrintsTheUnifiedDiffAndWritesNothing() throws Exception {
    ToolRun dry = run("redirect", site.toString(), "--to", "10.0.0.2", "--dry-run");
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().startsWith("--- " + site + "\n+++ " + site + "\n@@ "), dry.out());
    assertTrue(dry.out().contains("\n-    proxy_pass http://mfa_server/login;\n"), dry.out());
    assertTrue(
        dry.out()
            .contains("dry run, nothing written: would redirect " + site + " to 10.0.0.2:443\n"));
    assertArrayEquals(original, Files.readAllBytes(site));
    assertTrue(!Files.exists(work.resolve("site-443.conf.bak")));
  }

  @Test
  void jsonReportsTheSameFacts() throws Exception {
    ToolRun json =
        run(
            "redirect",
            site.toString(),
            "--to",
            "[2001:db8::2]:8443",
            "--only",
            "mfa_server",
            "--json");
    assertEquals(0, json.code(), json.err());
    JsonNode report = JsonOutput.mapper().readTree(json.out());
    assertEquals("[2001:db8::2]:8443", report.get("target").asText());
    assertEquals("mfa_server", report.get("upstreams").get(0).get("name").asText());
    assertEquals(2, report.get("proxyPasses").size());
    assertTrue(report.get("changed").asBoolean());
    JsonNode status = JsonOutput.mapper().readTree(run("status", site.toString(), "--json").out());
    assertTrue(status.get("redirected").asBoolean());
    assertEquals("[2001:db8::2]:8443", status.get("targets").get(0).asText());
  }

  @Test
  void badInputIsOneLineWithTheRightExitCodeAndTheFileUntouched() throws Exception {
    ToolRun inject = run("redirect", site.toString(), "--to", "1.2.3.4; evil");
    assertEquals(2, inject.code());
    assertEquals(
        "nginx-rewriter: error: '1.2.3.4; evil' is not an IPv4 address, a bracketed IPv6 address or a"
            + " host name (with an optional :PORT)\n",
        inject.err());

    ToolRun unknown = run("redirect", site.toString(), "--to", "10.0.0.2", "--only", "nope");
    assertEquals(3, unknown.code());
    assertTrue(
        unknown
            .err()
            .startsWith(
                "nginx-rewriter: error: no upstream named nope in "
                    + site
                    + "; upstreams found: core_server, mfa_server, websocket_server, hfs_server, preview_server,"
                    + " follower_server\n"),
        unknown.err());
    assertArrayEquals(original, Files.readAllBytes(site));

    Path broken = work.resolve("broken.conf");
    Files.writeString(broken, "upstream a {\n  server a:1\n}\n");
    ToolRun parse = run("redirect", broken.toString(), "--to", "10.0.0.2");
    assertEquals(3, parse.code());
    assertEquals(
        "nginx-rewriter: error: "
            + broken
            + ":2: directive \"server\" is not terminated by \";\";"
            + " nothing changed\n",
        parse.err());
    assertEquals(1, parse.err().lines().count(), parse.err());
    assertEquals("upstream a {\n  server a:1\n}\n", Files.readString(broken));

    ToolRun missing = run("status", work.resolve("nope.conf").toString());
    assertEquals(3, missing.code(), missing.err());
  }

  @Test
  void helpVersionAndUsageErrors() {
    ToolRun help = run("--help");
    assertEquals(0, help.code());
    assertTrue(
        help.out().contains("redirect FILE --to HOST[:PORT]") && help.out().contains("Exit codes"));
    assertEquals(2, run().code());
    ToolRun version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("nginx-rewriter "));
    ToolRun unknown = run("redirct", "f.conf");
    assertEquals(2, unknown.code());
    assertTrue(
        unknown.err().startsWith("nginx-rewriter: error: unknown command 'redirct'"),
        unknown.err());
    ToolRun verbHelp = run("redirect", "--help");
    assertEquals(0, verbHelp.code());
    assertTrue(verbHelp.out().contains("--nginx-test"), verbHelp.out());
  }

  @Test
  void dashVStillPrintsTheVersionForOneReleaseWithADeprecationLine() {
    ToolRun v = run("-V");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("nginx-rewriter "), v.out());
    assertEquals(
        "nginx-rewriter: warning: -V is deprecated and will be removed in the next release:"
            + " use --version\n",
        v.err());
    ToolRun version = run("--version");
    assertEquals(v.out(), version.out());
    assertEquals("", version.err());
  }

  @Test
  void optionsStandBeforeOrAfterTheCommandWordAndDoubleDashEndsThem() throws Exception {
    ToolRun jsonFirst = run("--json", "status", site.toString());
    assertEquals(1, jsonFirst.code(), jsonFirst.err());
    assertEquals(
        false, JsonOutput.mapper().readTree(jsonFirst.out()).get("redirected").asBoolean());
    ToolRun toFirst = run("--to", "10.0.0.2", "--dry-run", "redirect", site.toString());
    assertEquals(0, toFirst.code(), toFirst.err());
    assertTrue(toFirst.out().contains("dry run, nothing written"), toFirst.out());
    assertArrayEquals(original, Files.readAllBytes(site));
    Path dashed = Files.write(work.resolve("-site.conf"), original);
    ToolRun afterDashes = run("status", "--", "-nope.conf");
    assertEquals(3, afterDashes.code());
    assertEquals("nginx-rewriter: error: no such file: -nope.conf\n", afterDashes.err());
    ToolRun dashedFile = run("status", "--", dashed.toString());
    assertEquals(1, dashedFile.code(), dashedFile.err());
  }

  @Test
  void verboseDoesNotTurnAUsageErrorIntoAStackTrace() {
    ToolRun bogus = run("status", "--bogus", "--verbose");
    assertEquals(2, bogus.code());
    assertEquals("nginx-rewriter: error: Unrecognized option: --bogus (see --help)\n", bogus.err());
  }

  @Test
  void aFolderOrANameTooLongIsSaidInTheCommonWords() throws Exception {
    ToolRun folder = run("redirect", work.toString(), "--to", "10.0.0.2");
    assertEquals(3, folder.code());
    assertEquals("nginx-rewriter: error: " + work + " is a folder, not a file\n", folder.err());
    for (String verb : java.util.List.of("lex", "build")) {
      ToolRun crossplane = run(verb, work.toString());
      assertEquals(3, crossplane.code(), verb);
      assertEquals(
          "nginx-rewriter: error: " + work + " is a folder, not a file\n", crossplane.err(), verb);
    }
    ToolRun tooLong = run("status", "a".repeat(300));
    assertEquals(3, tooLong.code());
    assertTrue(
        tooLong.err().startsWith("nginx-rewriter: error: name too long: aaaa"), tooLong.err());
    Path include = work.resolve("with-include.conf");
    Files.createDirectories(work.resolve("conf.d"));
    Files.writeString(include, "include conf.d;\nupstream a { server a:1; }\n");
    ToolRun folderInclude = run("status", include.toString());
    assertEquals(3, folderInclude.code());
    assertEquals(
        "nginx-rewriter: error: "
            + include
            + ":1: "
            + work.resolve("conf.d")
            + " is a folder, not a file; nothing changed\n",
        folderInclude.err());
  }

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetIsRedirectedAndRolledBack() throws Exception {
    Path real = Files.createDirectories(work.resolve("real")).resolve("real-site.conf");
    Files.write(real, original);
    Files.setPosixFilePermissions(
        real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    Path link =
        Files.createSymbolicLink(
            work.resolve("conf-site-443.conf"), Path.of("real/real-site.conf"));
    ToolRun redirect = run("redirect", link.toString(), "--to", "10.0.0.2");
    assertEquals(0, redirect.code(), redirect.err());
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(redirect.out().contains("(backup: " + real.toRealPath() + ".bak)"), redirect.out());
    assertEquals(
        "rw-r-----",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    assertEquals(0, run("status", link.toString()).code());
    assertEquals(0, run("rollback", link.toString()).code());
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(original, Files.readAllBytes(real));
  }

  @Test
  void parseBuildAndLexAreHandedToTheParsersCommands() throws Exception {
    ToolRun lex = run("lex", site.toString());
    assertEquals(0, lex.code(), lex.err());
    assertTrue(
        lex.out().startsWith("[\"upstream\", \"core_server\", \"{\"")
            || lex.out().startsWith("[\"upstream\",\"core_server\",\"{\""),
        lex.out().substring(0, Math.min(80, lex.out().length())));
    ToolRun parse = run("parse", "--help");
    assertEquals(0, parse.code());
    assertTrue(parse.out().contains("nginx-rewriter parse"), parse.out());
    ToolRun build = run("build", work.resolve("missing.json").toString());
    assertTrue(build.code() != 0 && build.err().startsWith("nginx-rewriter: error: "), build.err());
  }

  private static ToolRun run(String... args) {
    return ToolRun.of(args);
  }
}
