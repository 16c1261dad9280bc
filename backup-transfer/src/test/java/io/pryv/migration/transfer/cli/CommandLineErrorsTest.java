package io.pryv.migration.transfer.cli;

import static io.pryv.migration.transfer.TestTrees.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.transfer.TestTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator types wrong gets one line, the right exit code, and nothing written. */
class CommandLineErrorsTest {

  @Test
  void aUsageErrorIsOneLineEvenWithVerbose() {
    for (String[] args :
        new String[][] {
          {"--verbose", "copy", "only-one"},
          {"--verbose", "bogus"},
          {"copy", "--verbose", "--no-such-option", "a", "b"},
          {"--verbose", "push", "a", "root@bad;host:/x"}
        }) {
      TestTrees.Run usage = run(args);
      assertEquals(2, usage.exit(), usage.err());
      assertEquals(1, usage.err().lines().count(), usage.err());
      assertTrue(usage.err().startsWith("backup-transfer: error: "), usage.err());
    }
  }

  @Test
  void optionsGoBeforeOrAfterTheCommandAndDoubleDashEndsThem(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("-src"));
    Files.writeString(src.resolve("f"), "x");
    TestTrees.Run before = run("--json", "copy", "--", src.toString(), dir.resolve("a").toString());
    assertEquals(0, before.exit(), before.err());
    assertTrue(before.out().startsWith("{"), before.out());
    TestTrees.Run after = run("copy", src.toString(), dir.resolve("b").toString(), "--json");
    assertEquals(0, after.exit(), after.err());
    assertTrue(after.out().startsWith("{"), after.out());

    Path dashed = Files.createDirectories(dir.resolve("-n"));
    Files.writeString(dashed.resolve("g"), "y");
    Path here = dir.toAbsolutePath();
    TestTrees.Run relative =
        run("copy", "--", here.resolve("-n").toString(), here.resolve("--json").toString());
    assertEquals(0, relative.exit(), relative.err());
    assertEquals(
        "y",
        Files.readString(dir.resolve("--json/g")),
        "'--json' after -- is a folder, not an option");
  }

  @Test
  void longArgumentsAreCutInErrorLines(@TempDir Path dir) {
    String longName = "x".repeat(5000);
    TestTrees.Run unknown = run("push-" + longName);
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().length() < 300, unknown.err());
    assertTrue(unknown.err().contains("(5005 characters)"), unknown.err());

    TestTrees.Run tooLong =
        run("copy", dir.resolve(longName).toString(), dir.resolve("d").toString());
    assertEquals(3, tooLong.exit());
    assertTrue(tooLong.err().length() < 300, tooLong.err());
    assertTrue(
        tooLong.err().contains("error: name too long: ")
            && tooLong.err().endsWith(" (a file name can have at most 255 bytes, a path 4095)\n"),
        tooLong.err());

    TestTrees.Run option = run("copy", "--" + longName, "a", "b");
    assertEquals(2, option.exit());
    assertTrue(
        option.err().length() < 300 && option.err().contains("(5002 characters)"), option.err());

    TestTrees.Run remote = run("push", dir.toString(), "root@" + "h".repeat(400) + ".example:/x");
    assertEquals(2, remote.exit());
    assertTrue(remote.err().length() < 300, remote.err());
  }

  @Test
  void manifestRefusesAFolderAsItsOutputAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "x");
    Path out = Files.createDirectories(dir.resolve("out"));
    TestTrees.Run folder = run("manifest", "-o", out.toString(), src.toString());
    assertEquals(3, folder.exit(), folder.err());
    assertEquals("backup-transfer: error: " + out + " is a folder, not a file\n", folder.err());
    TestTrees.Run noParent =
        run("manifest", "-o", dir.resolve("nosuch/m").toString(), src.toString());
    assertEquals(3, noParent.exit(), noParent.err());
    assertEquals(1, noParent.err().lines().count(), noParent.err());
    TestTrees.Run tooLong =
        run("manifest", "-o", dir.resolve("m".repeat(256)).toString(), src.toString());
    assertEquals(3, tooLong.exit(), tooLong.err());
    assertTrue(
        tooLong.err().contains("error: name too long: ")
            && tooLong.err().endsWith(" (a file name can have at most 255 bytes, a path 4095)\n"),
        tooLong.err());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(
          java.util.Set.of(src, out), java.util.Set.copyOf(left.toList()), "nothing else written");
    }
    assertTrue(Files.isDirectory(out) && isEmpty(out));

    Path file = dir.resolve("m.sha256");
    assertEquals(0, run("manifest", "--sha256sum", "-o", file.toString(), src.toString()).exit());
    assertTrue(Files.readString(file).endsWith("  f\n"), Files.readString(file));
    try (Stream<Path> left = Files.list(dir)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  private static boolean isEmpty(Path folder) throws Exception {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }
}
