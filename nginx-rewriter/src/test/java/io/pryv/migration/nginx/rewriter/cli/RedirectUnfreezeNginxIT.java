package io.pryv.migration.nginx.rewriter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.nginx.rewriter.nginxtest.NginxSandbox;
import io.pryv.migration.nginx.rewriter.redirect.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redirect --unfreeze with the real nginx, on a Pryv-like site whose upstreams are in an included
 * file: --nginx-test passes on the combined result before it is written, and the files as written
 * pass nginx -t again on their own.
 */
class RedirectUnfreezeNginxIT {
  @TempDir Path work;

  @Test
  void theFrozenSiteRedirectedAndUnfrozenInOneWritePassesNginxTest() throws Exception {
    Path nginx = RequiredPrograms.require("nginx");
    Path dir = Fixtures.copyFolder("sandbox", work);
    Path site = dir.resolve("site.conf");
    Path upstreams = dir.resolve("upstreams.conf");
    String nginxOption = nginx.toString();

    String[] freeze = {"freeze", site.toString(), "--nginx-test", "--nginx", nginxOption};
    ToolRun frozen = run(freeze);
    assertEquals(0, frozen.code(), frozen.err());
    assertTrue(Files.readString(site).contains("#[nginx-rewriter:frozen]"));

    ToolRun redirect =
        run(
            "redirect",
            site.toString(),
            "--to",
            "127.0.0.1:8443",
            "--unfreeze",
            "--nginx-test",
            "--nginx",
            nginxOption);
    assertEquals(0, redirect.code(), redirect.err());
    assertTrue(redirect.out().contains("freeze lifted in the same write"), redirect.out());
    assertTrue(redirect.out().contains("nginx -t on the result: passed"), redirect.out());
    String siteText = Files.readString(site);
    String upstreamsText = Files.readString(upstreams);
    assertFalse(siteText.contains("nginx-rewriter:frozen"), siteText);
    assertTrue(siteText.contains("proxy_pass https://core_server;"), siteText);
    assertTrue(upstreamsText.contains("server 127.0.0.1:8443;"), upstreamsText);

    NginxSandbox.Result written =
        new NginxSandbox(nginx, ProcessRunner.local())
            .test(
                List.of(
                    new NginxSandbox.Input("site.conf", siteText, List.of(List.of(1))),
                    new NginxSandbox.Input("upstreams.conf", upstreamsText, List.of())));
    assertTrue(written.passed(), written.output());
    assertTrue(written.output().contains("test is successful"), written.output());
  }

  private static ToolRun run(String... args) {
    return ToolRun.of(args);
  }
}
