package io.pryv.migration.platformyml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pryv.migration.common.JsonOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole tool as a user runs it: exit codes, one-line errors, the file untouched on error. */
class PlatformYmlEditorToolTest {
  @TempDir Path dir;
  Path file;
  byte[] original;
  String out;
  String err;

  @BeforeEach
  void copyFixture() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/pryv/current-cluster.yml")) {
      original = in.readAllBytes();
    }
    file = dir.resolve("platform.yml");
    Files.write(file, original);
  }

  private int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        new PlatformYmlEditorTool(
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8))
            .run(args);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  private void assertOneLineError(int expectedCode, int code, String fragment) throws IOException {
    assertEquals(expectedCode, code, err);
    assertTrue(
        err.startsWith("platform-yml-editor: error: ")
            && err.endsWith("\n")
            && err.indexOf('\n') == err.length() - 1,
        err);
    assertTrue(err.contains(fragment), err);
    assertTrue(java.util.Arrays.equals(original, Files.readAllBytes(file)), "file untouched");
  }

  @Test
  void listGetSetRoundTrip() throws IOException {
    assertEquals(0, run("list-cores", file.toString()));
    assertEquals(
        "HOSTING   CORE  IP          LINE\nhosting1  co1   REPLACE_ME  28\nhosting2  co2   REPLACE_ME  31\n",
        out);
    assertEquals(0, run("set-core-ip", file.toString(), "--core", "co2", "--ip", "10.0.0.12"));
    assertEquals(
        0,
        run(
            "get",
            file.toString(),
            "vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value.hosting2.co2.ip"));
    assertEquals("10.0.0.12\n", out);
    assertEquals(0, run("list-cores", file.toString(), "--json"));
    assertTrue(out.contains("\"layout\" : \"current\""), out);
    assertTrue(out.contains("\"ip\" : \"10.0.0.12\""), out);
  }

  @Test
  void jsonReportsKeepTheirFieldsInTheirOrder() throws IOException {
    String ipPath =
        "vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value.hosting1.co1.ip";
    assertEquals(0, run("get", file.toString(), ipPath, "--json"), err);
    assertEquals(
        List.of("file", "path", "line", "value", "tag"),
        fieldNames(JsonOutput.mapper().readTree(out)));
    assertEquals(
        0, run("set-core-ip", file.toString(), "--core", "co1", "--ip", "10.0.0.5", "--json"), err);
    JsonNode coreIp = JsonOutput.mapper().readTree(out);
    assertEquals(
        List.of(
            "file", "core", "path", "line", "old", "new", "changed", "dryRun", "written", "backup",
            "diff"),
        fieldNames(coreIp));
    assertEquals("hosting1/co1", coreIp.get("core").asText());
    assertEquals("REPLACE_ME", coreIp.get("old").asText());
    assertEquals("10.0.0.5", coreIp.get("new").asText());
    assertEquals(0, run("set", file.toString(), ipPath, "10.0.0.6", "--json", "-n"), err);
    assertFalse(JsonOutput.mapper().readTree(out).has("core"), out);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void dashVStillPrintsTheVersionForOneReleaseWithADeprecationLine() {
    assertEquals(0, run("-V"));
    String versionLine = out;
    assertTrue(versionLine.startsWith("platform-yml-editor "), versionLine);
    assertEquals(
        "platform-yml-editor: warning: -V is deprecated and will be removed in the next release:"
            + " use --version\n",
        err);
    assertEquals(0, run("--version"));
    assertEquals(versionLine, out);
    assertEquals("", err);
  }

  @Test
  void errorsAreOneLineWithTheirExitCode() throws IOException {
    assertOneLineError(
        3,
        run("set-core-ip", file.toString(), "--core", "co9", "--ip", "10.0.0.1"),
        "no core 'co9'; cores (hosting/core): hosting1/co1, hosting2/co2");
    assertOneLineError(
        3,
        run("set-core-ip", file.toString(), "--core", "co1", "--hosting", "h9", "--ip", "10.0.0.1"),
        "no hosting 'h9'");
    assertOneLineError(
        1,
        run(
            "set-core-ip",
            file.toString(),
            "--core",
            "co1",
            "--ip",
            "10.0.0.1",
            "--expect",
            "10.0.0.2"),
        "is 'REPLACE_ME', not the expected '10.0.0.2'");
    assertOneLineError(
        2,
        run("set-core-ip", file.toString(), "--core", "co1", "--ip", "10.0.0.1;"),
        "is not an IPv4 or IPv6 address");
    assertOneLineError(3, run("get", file.toString(), "vars.NOPE"), "no key 'NOPE' under 'vars'");
    assertOneLineError(
        3,
        run("set", file.toString(), "vars.MACHINES_AND_PLATFORM_SETTINGS", "x"),
        "is a mapping (keys: name, settings)");
    assertOneLineError(3, run("get", dir.resolve("missing.yml").toString(), "a"), "no such file");
    assertOneLineError(2, run("frobnicate"), "unknown command");
  }

  @Test
  void aCoreUnderTwoHostingsNeedsHosting() throws IOException {
    Files.writeString(
        file,
        "vars:\n  HOSTINGS_AND_CORES:\n    h1:\n      co1:\n        ip: 1.1.1.1\n"
            + "    h2:\n      co1:\n        ip: 2.2.2.2\n");
    original = Files.readAllBytes(file);
    assertOneLineError(
        3,
        run("set-core-ip", file.toString(), "--core", "co1", "--ip", "3.3.3.3"),
        "core 'co1' is under 2 hostings (h1, h2); say which one with --hosting");
    assertEquals(
        0,
        run("set-core-ip", file.toString(), "--core", "co1", "--hosting", "h2", "--ip", "3.3.3.3"));
    assertEquals(
        "vars:\n  HOSTINGS_AND_CORES:\n    h1:\n      co1:\n        ip: 1.1.1.1\n"
            + "    h2:\n      co1:\n        ip: 3.3.3.3\n",
        Files.readString(file));
  }

  @Test
  void unparsableYamlNamesLineAndColumn() throws IOException {
    Files.writeString(file, "vars:\n  a: [1\n  b: 2\n");
    original = Files.readAllBytes(file);
    assertOneLineError(3, run("list-cores", file.toString()), file + ":3:");
  }

  @Test
  void verboseAddsTheStackTrace() {
    assertEquals(3, run("get", file.toString(), "nope", "--verbose"));
    assertTrue(err.startsWith("platform-yml-editor: error: "), err);
    assertTrue(err.contains("\tat "), err);
  }

  @Test
  void optionsStandBeforeOrAfterTheCommandWordAndDoubleDashEndsThem() throws IOException {
    assertEquals(0, run("--json", "list-cores", file.toString()), err);
    assertTrue(out.contains("\"layout\" : \"current\""), out);
    assertEquals(
        0,
        run("--dry-run", "--core", "co1", "set-core-ip", "--ip", "10.0.0.5", file.toString()),
        err);
    assertTrue(out.contains("dry run"), out);
    Files.writeString(file, "-foo: 1\nbar: 2\n");
    assertEquals(0, run("get", file.toString(), "--", "-foo"), err);
    assertEquals("1\n", out);
    assertEquals(0, run("set", "--no-backup", file.toString(), "--", "-foo", "-3"), err);
    assertEquals("-foo: -3\nbar: 2\n", Files.readString(file));
  }

  @Test
  void verboseDoesNotTurnAUsageErrorIntoAStackTrace() throws IOException {
    assertOneLineError(2, run("get", "--bogus", "--verbose"), "Unrecognized option: --bogus");
  }

  @Test
  void aFolderOrANameTooLongIsSaidInTheCommonWords() throws IOException {
    assertOneLineError(3, run("get", dir.toString(), "a"), dir + " is a folder, not a file");
    assertOneLineError(3, run("set", "a".repeat(300), "a", "b"), "name too long: aaaa");
  }

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetIsEditedWithItsModeAndBackup() throws IOException {
    Path real = Files.createDirectories(dir.resolve("leader")).resolve("platform.yml");
    Files.move(file, real);
    Files.setPosixFilePermissions(
        real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    Files.createSymbolicLink(file, Path.of("leader/platform.yml"));
    assertEquals(0, run("set-core-ip", file.toString(), "--core", "co1", "--ip", "10.0.0.5"), err);
    assertTrue(Files.isSymbolicLink(file));
    assertTrue(out.contains("previous content in " + real.toRealPath() + ".bak"), out);
    assertEquals(
        "rw-r-----",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    assertTrue(
        java.util.Arrays.equals(
            original, Files.readAllBytes(dir.resolve("leader/platform.yml.bak"))));
    assertEquals(
        0,
        run(
            "get",
            file.toString(),
            "vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value.hosting1.co1.ip"));
    assertEquals("10.0.0.5\n", out);
  }
}
