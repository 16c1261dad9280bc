package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
  @TempDir Path dir;

  @Test
  void onlyForAClassPathThatIsOneJar() throws Exception {
    Path jar = Files.write(dir.resolve("tool.jar"), new byte[] {1});
    assertTrue(ClassArchive.of(jar.toString(), "push", dir.resolve("cache")).isPresent());
    assertFalse(ClassArchive.of(jar + ":" + jar, "push", dir.resolve("cache")).isPresent());
    assertFalse(ClassArchive.of(dir.toString(), "push", dir.resolve("cache")).isPresent(), "a folder of classes");
    assertFalse(ClassArchive.of(dir.resolve("missing.jar").toString(), "push", dir.resolve("cache")).isPresent());
    assertFalse(ClassArchive.of(jar.toString(), "push", Path.of("?", ".cache")).isPresent(), "no home folder");
  }

  @Test
  void anotherJarOrUseGetsAnotherArchive() throws Exception {
    Path jar = Files.write(dir.resolve("tool.jar"), new byte[] {1});
    Path cache = dir.resolve("cache");
    Path push = ClassArchive.of(jar.toString(), "push", cache).orElseThrow().archive();
    assertEquals(push, ClassArchive.of(jar.toString(), "push", cache).orElseThrow().archive());
    assertNotEquals(push, ClassArchive.of(jar.toString(), "check", cache).orElseThrow().archive());
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5000));
    assertNotEquals(push, ClassArchive.of(jar.toString(), "push", cache).orElseThrow().archive(), "rebuilt jar");
  }

  @Test
  void writtenAtTheFirstRunKeptIfItEndedWellThenMapped() throws Exception {
    Path jar = Files.write(dir.resolve("tool.jar"), new byte[] {1});
    ClassArchive first = ClassArchive.of(jar.toString(), "push", dir).orElseThrow();
    Path pending = dumpTarget(first.jvmOptions());
    Files.write(pending, new byte[] {2});
    first.childEnded(4);
    assertFalse(Files.exists(pending), "a failed run's archive is thrown away");
    assertFalse(Files.exists(first.archive()));

    Files.write(pending, new byte[] {2});
    first.childEnded(0);
    assertTrue(Files.exists(first.archive()));
    List<String> next = ClassArchive.of(jar.toString(), "push", dir).orElseThrow().jvmOptions();
    assertTrue(next.contains("-XX:SharedArchiveFile=" + first.archive()), next.toString());
    assertTrue(next.contains("-Xlog:cds=off"), "the JVM's archive messages would land on the tool's stdout");
  }

  @Test
  void aRealJvmWritesAndThenUsesTheArchiveSilently() throws Exception {
    Path jar = dir.resolve("probe.jar");
    Path classes = Path.of(HeapCapProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Process pack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jar").toString(), "cf",
        jar.toString(), "-C", classes.toString(), "io/pryv/migration/common/HeapCapProbe.class").start();
    assertEquals(0, pack.waitFor());
    Path mainClasses = Path.of(HeapCap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    // the probe's jar alone would miss HeapCap: run the archive's JVM on a jar holding both
    Process add = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jar").toString(), "uf",
        jar.toString(), "-C", mainClasses.toString(), "io/pryv/migration/common").start();
    assertEquals(0, add.waitFor());
    for (int run = 0; run < 2; run++) {
      ClassArchive archive = ClassArchive.of(jar.toString(), "probe", dir.resolve("cache")).orElseThrow();
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx64m"));
      command.addAll(archive.jvmOptions());
      if (run == 1) {
        command.add("-Xshare:on"); // fails the JVM if the archive written by the first run cannot be mapped
      }
      command.addAll(List.of("-D" + HeapCap.PARENT_PROPERTY + "=" + ProcessHandle.current().pid(), "-cp",
          jar.toString(), HeapCapProbe.class.getName(), "0"));
      Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(java.getInputStream().readAllBytes());
      assertEquals(0, java.waitFor(), output);
      archive.childEnded(0);
      assertTrue(output.matches("pid \\d+ heap \\d+ args 0\\n"), "nothing but the tool's output: " + output);
      assertTrue(Files.size(archive.archive()) > 0);
    }
  }

  private static Path dumpTarget(List<String> options) {
    Optional<String> dump = options.stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit=")).findFirst();
    assertTrue(dump.isPresent(), options.toString());
    return Path.of(dump.get().substring("-XX:ArchiveClassesAtExit=".length()));
  }
}
