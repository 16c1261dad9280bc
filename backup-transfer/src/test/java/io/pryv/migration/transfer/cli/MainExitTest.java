package io.pryv.migration.transfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool as a process: a run that fails takes the local scripts it started with it. */
class MainExitTest {

  @Test
  void aFailedRunLeavesNoLocalHashingBehind(@TempDir Path dir) throws Exception {
    Path destIsAFile = Files.writeString(dir.resolve("dest"), "x");
    String marker = neverEndingOpenssl(dir);
    Process tool = tool(dir, marker, List.of("-Xmx64m"), destIsAFile).start();
    String output = new String(tool.getInputStream().readAllBytes());
    assertTrue(tool.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(3, tool.exitValue(), output);
    assertTrue(output.contains("is not a folder"), output);
    assertNoneLeft(marker);
  }

  @Test
  void aRunKilledThroughItsLauncherLeavesNoLocalHashingBehind(@TempDir Path dir) throws Exception {
    // sh stands for the release's launcher: it waits for the tool (a command follows) and gives it
    // its pid, as
    // scripts/release/launcher.sh does; the tool halts when the launcher is killed with -9.
    String marker = neverEndingOpenssl(dir);
    ProcessBuilder tool =
        tool(
            dir,
            marker,
            List.of("-Xmx64m", "-Dpryv.migration.heapCap.parent=$$"),
            dir.resolve("dest"));
    Process launcher =
        tool.command(List.of("sh", "-c", String.join(" ", tool.command()) + "; echo ended"))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (running(marker).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(!running(marker).isEmpty(), "the tool reached its hashing");
    launcher.destroyForcibly(); // kill -9
    assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
    assertNoneLeft(marker);
  }

  /**
   * A hashing tool that never ends: openssl, first in the PATH the scripts see; returns what marks
   * it.
   */
  private static String neverEndingOpenssl(Path dir) throws Exception {
    String marker = "31415" + ProcessHandle.current().pid() + "." + System.nanoTime() % 1000;
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path openssl =
        Files.writeString(bin.resolve("openssl"), "#!/bin/sh\nexec sleep " + marker + "\n");
    Files.setPosixFilePermissions(openssl, PosixFilePermissions.fromString("rwxr-xr-x"));
    return marker;
  }

  private static ProcessBuilder tool(Path dir, String marker, List<String> jvmOptions, Path dest)
      throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("file"), "content");
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "copy",
            "--checksum",
            "--checksum-choice",
            "sha256",
            src.toString(),
            dest.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.redirectErrorStream(true);
    return builder;
  }

  private static List<ProcessHandle> running(String marker) {
    return ProcessHandle.allProcesses()
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .map(line -> line.contains("sleep " + marker))
                    .orElse(false))
        .toList();
  }

  private static void assertNoneLeft(String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<ProcessHandle> left;
    do {
      left = running(marker);
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    left.forEach(ProcessHandle::destroyForcibly);
    assertEquals(List.of(), left.stream().map(ProcessHandle::pid).toList(), "hashing left running");
  }
}
