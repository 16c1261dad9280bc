package io.pryv.migration.nginx.rewriter.nginxtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.HostAndPort;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.nginx.rewriter.redirect.Rewriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --nginx-test with the real nginx: the result is tested in a sandbox before anything is written.
 */
class NginxSandboxIT {
  private static final HostAndPort DEST = HostAndPort.parse("127.0.0.2:8443", 443);

  @TempDir Path work;
  private Rewriter rewriter;
  private Path site;

  @BeforeEach
  void setUp() throws Exception {
    Path nginx = RequiredPrograms.require("nginx");
    rewriter = new Rewriter(Optional.of(new NginxSandbox(nginx, ProcessRunner.local())));
    for (String name : new String[] {"site.conf", "upstreams.conf"}) {
      try (InputStream in = getClass().getResourceAsStream("/sandbox/" + name)) {
        Files.write(work.resolve(name), in.readAllBytes());
      }
    }
    site = work.resolve("site.conf");
  }

  @Test
  void aResultThatPassesNginxTestIsWrittenAndSoIsItsRollback() throws Exception {
    byte[] original = Files.readAllBytes(site);
    byte[] upstreams = Files.readAllBytes(work.resolve("upstreams.conf"));
    Rewriter.Outcome outcome =
        rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty());
    assertTrue(outcome.changed());
    assertTrue(Files.readString(work.resolve("upstreams.conf")).contains("server 127.0.0.2:8443;"));
    Rewriter.Outcome rollback = rewriter.rollback(site, false);
    assertTrue(rollback.changed());
    assertArrayEquals(original, Files.readAllBytes(site));
    assertArrayEquals(upstreams, Files.readAllBytes(work.resolve("upstreams.conf")));
  }

  @Test
  void aResultNginxRejectsIsNotWrittenAndTheErrorNamesTheRealFile() throws Exception {
    String text =
        Files.readString(site)
            .replace("  location / {\n", "  location / {\n    limit_rate_after not-a-size;\n");
    Files.writeString(site, text);
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> rewriter.redirect(site, DEST, Optional.empty(), false, Optional.empty()));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(
        e.getMessage().contains("nginx -t fails on the redirected config, nothing written"),
        e.getMessage());
    assertTrue(e.getMessage().contains(site + ":14"), e.getMessage());
    assertEquals(text, Files.readString(site));
    assertFalse(Files.exists(work.resolve("site.conf.bak")));
    assertFalse(Files.readString(work.resolve("upstreams.conf")).contains("8443"));
  }

  @Test
  void dryRunWithNginxTestTestsButWritesNothing() throws Exception {
    byte[] original = Files.readAllBytes(site);
    Rewriter.Outcome outcome =
        rewriter.redirect(site, DEST, Optional.empty(), true, Optional.empty());
    assertTrue(
        outcome.nginxTest() != null && outcome.nginxTest().contains("test is successful"),
        outcome.nginxTest());
    assertArrayEquals(original, Files.readAllBytes(site));
  }
}
