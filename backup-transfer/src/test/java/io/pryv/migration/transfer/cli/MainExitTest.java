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
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("file"), "content");
    Path destIsAFile = Files.writeString(dir.resolve("dest"), "x");
    // A hashing tool that never ends: openssl, first in the PATH the scripts see.
    String marker = "31415" + ProcessHandle.current().pid();
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path openssl = Files.writeString(bin.resolve("openssl"), "#!/bin/sh\nexec sleep " + marker + "\n");
    Files.setPosixFilePermissions(openssl, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "copy", "--checksum", "--checksum-choice", "sha256", src.toString(), destIsAFile.toString());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.redirectErrorStream(true);
    Process tool = builder.start();
    String output = new String(tool.getInputStream().readAllBytes());
    assertTrue(tool.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(3, tool.exitValue(), output);
    assertTrue(output.contains("is not a folder"), output);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<ProcessHandle> left;
    do {
      left = ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
          .map(line -> line.contains("sleep " + marker)).orElse(false)).toList();
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    left.forEach(ProcessHandle::destroyForcibly);
    assertEquals(List.of(), left.stream().map(ProcessHandle::pid).toList(), "hashing left running");
  }
}
