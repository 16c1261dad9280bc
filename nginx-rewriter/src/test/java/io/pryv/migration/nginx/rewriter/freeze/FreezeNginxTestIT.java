package io.pryv.migration.nginx.rewriter.freeze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ProcessRunner;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.testing.RequiredPrograms;
import io.pryv.migration.nginx.rewriter.nginxtest.NginxSandbox;
import io.pryv.migration.nginx.rewriter.redirect.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * freeze --nginx-test and unfreeze --nginx-test with the real nginx, on a Pryv-like site with an
 * include.
 */
class FreezeNginxTestIT {
  @TempDir Path work;

  @Test
  void frozenAndUnfrozenResultsPassNginxTestAndARejectedOneIsNotWritten() throws Exception {
    Freezer freezer =
        new Freezer(
            Optional.of(
                new NginxSandbox(RequiredPrograms.require("nginx"), ProcessRunner.local())));
    Path dir = Fixtures.copyFolder("sandbox", work);
    Path site = dir.resolve("site.conf");
    byte[] original = Files.readAllBytes(site);

    FreezeOutcome frozen = freezer.freeze(site, 60, false);
    assertTrue(frozen.nginxTest().contains("test is successful"), frozen.nginxTest());
    assertTrue(freezer.state(site).frozen());
    FreezeOutcome unfrozen = freezer.unfreeze(site, false);
    assertTrue(unfrozen.nginxTest().contains("test is successful"), unfrozen.nginxTest());
    assertArrayEquals(original, Files.readAllBytes(site));

    String broken =
        Files.readString(site)
            .replace("  location / {\n", "  location / {\n    limit_rate nope;\n");
    Files.writeString(site, broken);
    ToolException rejected =
        assertThrows(ToolException.class, () -> freezer.freeze(site, 60, false));
    assertEquals(ExitCode.ENVIRONMENT, rejected.exitCode());
    assertTrue(rejected.getMessage().contains("site.conf:"), rejected.getMessage());
    assertEquals(broken, Files.readString(site));
  }
}
