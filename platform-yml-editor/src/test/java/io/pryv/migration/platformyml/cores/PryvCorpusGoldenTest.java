package io.pryv.migration.platformyml.cores;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.platformyml.cli.PlatformYmlEditorPrinters;
import io.pryv.migration.platformyml.command.Commands;
import io.pryv.migration.platformyml.command.WriteOptions;
import io.pryv.migration.platformyml.yaml.YamlLoader;
import io.pryv.migration.platformyml.yaml.YamlText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every platform.yml layout Pryv has shipped (copied from the corpus): list-cores finds the layout
 * and the cores; set-core-ip co1 produces exactly the golden file (made with sed on the one line),
 * keeps the old bytes in .bak, and a second run is a no-op.
 */
class PryvCorpusGoldenTest {
  @TempDir Path dir;

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of(
            "current-cluster",
            HostingsAndCores.Layout.CURRENT,
            "hosting1",
            "REPLACE_ME",
            28,
            "hosting2",
            "co2",
            "REPLACE_ME"),
        Arguments.of(
            "admin-panel-save",
            HostingsAndCores.Layout.CURRENT,
            "hosting1",
            "10.0.0.11",
            33,
            "hosting2",
            "co2",
            "10.0.0.12"),
        Arguments.of(
            "trailing-space",
            HostingsAndCores.Layout.CURRENT,
            "hosting1",
            "REPLACE_ME",
            28,
            "hosting2",
            "co2",
            "REPLACE_ME"),
        Arguments.of(
            "config-leader-1.6.0-template",
            HostingsAndCores.Layout.CURRENT,
            "hosting1",
            "REPLACE_ME",
            28,
            "hosting2",
            "co2",
            "REPLACE_ME"),
        Arguments.of(
            "config-leader-1.9.0-template",
            HostingsAndCores.Layout.CURRENT,
            "hosting1",
            "REPLACE_ME",
            28,
            "hosting2",
            "co2",
            "REPLACE_ME"),
        Arguments.of(
            "transitional-no-settings",
            HostingsAndCores.Layout.TRANSITIONAL,
            "hosting1",
            "REPLACE_ME",
            26,
            "hosting2",
            "co2",
            "REPLACE_ME"),
        Arguments.of(
            "flat-vars",
            HostingsAndCores.Layout.FLAT,
            "hosting1",
            "REPLACE_ME",
            19,
            "hosting2",
            "co2",
            "REPLACE_ME"),
        Arguments.of(
            "single-node-flat",
            HostingsAndCores.Layout.FLAT,
            "exoscale.ch-ch",
            "127.0.0.1",
            20,
            "gandi.net-fr",
            "co2",
            "127.0.0.2"));
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = PryvCorpusGoldenTest.class.getResourceAsStream("/pryv/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /pryv/" + name);
      }
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void listsTheCoresOfEveryLayout(
      String name,
      HostingsAndCores.Layout layout,
      String hosting1,
      String ip1,
      int line1,
      String hosting2,
      String core2,
      String ip2)
      throws IOException {
    YamlText source = YamlText.of(name, resource(name + ".yml"));
    HostingsAndCores.Cores cores = HostingsAndCores.find(name, YamlLoader.compose(source));
    assertEquals(layout, cores.layout());
    assertEquals(2, cores.entries().size());
    CoreEntry first = cores.entries().get(0);
    assertEquals(
        List.of(hosting1, "co1", ip1, line1),
        List.of(first.hosting(), first.core(), first.ip(), first.line()));
    CoreEntry second = cores.entries().get(1);
    assertEquals(
        List.of(hosting2, core2, ip2), List.of(second.hosting(), second.core(), second.ip()));
    // the line is the ip's own line in the file
    String lineText = source.text().split("\n", -1)[line1 - 1];
    assertTrue(lineText.strip().equals("ip: " + ip1), lineText);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void setCoreIpMatchesTheGoldenFileAndIsIdempotent(String name) throws IOException {
    byte[] input = resource(name + ".yml");
    byte[] expected = resource(name + ".co1-10.0.0.5.expected");
    Path file = dir.resolve("platform.yml");
    Files.write(file, input);

    String output = setCoreIp(file, "co1", "10.0.0.5", Optional.empty(), false);
    assertArrayEquals(expected, Files.readAllBytes(file), name);
    assertArrayEquals(input, Files.readAllBytes(dir.resolve("platform.yml.bak")), name + " backup");
    assertTrue(output.contains("-> '10.0.0.5'; written"), output);

    Files.delete(dir.resolve("platform.yml.bak"));
    String again = setCoreIp(file, "co1", "10.0.0.5", Optional.empty(), false);
    assertTrue(again.contains("is already '10.0.0.5'; nothing to change, file not written"), again);
    assertArrayEquals(expected, Files.readAllBytes(file));
    assertFalse(Files.exists(dir.resolve("platform.yml.bak")), "a no-op writes no backup");
  }

  @Test
  void crlfAndBomSurviveTheEdit() throws IOException {
    byte[] input = bomCrlf(resource("current-cluster.yml"));
    byte[] expected = bomCrlf(resource("current-cluster.co1-10.0.0.5.expected"));
    Path file = dir.resolve("platform.yml");
    Files.write(file, input);
    setCoreIp(file, "co1", "10.0.0.5", Optional.empty(), false);
    assertArrayEquals(expected, Files.readAllBytes(file));
  }

  @Test
  void dryRunPrintsTheDiffAndChangesNothing() throws IOException {
    byte[] input = resource("admin-panel-save.yml");
    Path file = dir.resolve("platform.yml");
    Files.write(file, input);
    String output = setCoreIp(file, "co2", "10.0.0.7", Optional.of("10.0.0.12"), true);
    assertTrue(
        output.contains("-              ip: 10.0.0.12\n+              ip: 10.0.0.7\n"), output);
    assertTrue(output.contains("@@ -33,7 +33,7 @@"), output);
    assertArrayEquals(input, Files.readAllBytes(file));
    assertFalse(Files.exists(dir.resolve("platform.yml.bak")));
  }

  @Test
  void expectRefusesWhenTheCurrentIpDiffers() throws IOException {
    byte[] input = resource("admin-panel-save.yml");
    Path file = dir.resolve("platform.yml");
    Files.write(file, input);
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> setCoreIp(file, "co1", "10.0.0.7", Optional.of("10.0.0.99"), false));
    assertEquals(ExitCode.DIFFERENCE, e.exitCode());
    assertTrue(
        e.getMessage().contains("is '10.0.0.11', not the expected '10.0.0.99'; nothing written"),
        e.getMessage());
    assertArrayEquals(input, Files.readAllBytes(file));
  }

  @Test
  void aFileWithoutHostingsAndCoresSaysWhereItLooked() {
    ToolException e =
        assertThrows(
            ToolException.class,
            () ->
                HostingsAndCores.find(
                    "single-node.yml",
                    YamlLoader.compose(
                        YamlText.of(
                            "single-node.yml", resource("single-node-current-no-cores.yml")))));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage()
            .contains(
                "no HOSTINGS_AND_CORES mapping found; looked for"
                    + " 'vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value'"),
        e.getMessage());
  }

  private static byte[] bomCrlf(byte[] lf) {
    String text = new String(lf, StandardCharsets.UTF_8).replace("\n", "\r\n");
    return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
  }

  private String setCoreIp(
      Path file, String core, String ip, Optional<String> expect, boolean dryRun)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PlatformYmlEditorPrinters.EDIT.text(
        Commands.setCoreIp(
            file, core, Optional.empty(), ip, new WriteOptions(expect, false, dryRun, true)),
        out);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
