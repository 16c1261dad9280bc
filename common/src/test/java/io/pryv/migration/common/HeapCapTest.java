package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The probe is started as scripts/release/launcher.sh starts backup-transfer: bounded heap, retry,
 * parent pid.
 */
class HeapCapTest {
  private static final Pattern PROBE = Pattern.compile("pid (\\d+) heap (\\d+) args (.*)");
  private static final List<String> BOUNDED =
      List.of("-Xmx64m", "-D" + HeapCap.RETRY_PROPERTY + "=true");

  @Test
  void runningOutOfTheBoundedHeapBeforeAnyOutputEndsQuietlyWithTheRetryCode() throws Exception {
    Run run = run(BOUNDED, "needs200m");
    assertEquals(HeapCap.OUT_OF_BOUNDED_HEAP, run.code());
    assertEquals(
        "", run.out() + run.err(), "nothing written: the launcher's second run says it all");
  }

  @Test
  void outOfMemoryInAThreadNobodyWaitsForAlsoEndsWithTheRetryCode() throws Exception {
    Run run = run(BOUNDED, "thread-needs200m");
    assertEquals(HeapCap.OUT_OF_BOUNDED_HEAP, run.code());
    assertEquals("", run.err(), "no stack trace");
  }

  @Test
  void noRetryOnceTheToolHasWrittenToStdout() throws Exception {
    Run run = run(BOUNDED, "says-then-needs200m");
    assertEquals(4, run.code());
    assertEquals("a first line\n", run.out(), "written once, not twice");
    assertTrue(run.err().startsWith("probe: error: out of memory"), run.err());
  }

  @Test
  void outOfMemoryWithoutTheLaunchersRetryIsTheToolsError() throws Exception {
    Run run = run(List.of("-Xmx64m"), "needs200m");
    assertEquals(4, run.code());
    assertTrue(
        run.err().startsWith("probe: error: out of memory: the Java heap is limited to "),
        run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void withoutTheLaunchersPropertiesTheToolRunsAsGiven() throws Exception {
    Run run = run(List.of(), "7", "two words");
    assertEquals(7, run.code());
    Matcher line = PROBE.matcher(run.out().strip());
    assertTrue(line.matches(), run.out());
    assertEquals("7,two words", line.group(3));
  }

  @Test
  void aKilledLauncherTakesTheToolWithIt() throws Exception {
    // sh stands for the launcher: it waits for java (a command follows) and gives it its own pid,
    // as launcher.sh does
    List<String> java = javaCommand(List.of("-D" + HeapCap.PARENT_PROPERTY + "=$$"), "wait");
    Process launcher =
        new ProcessBuilder("sh", "-c", String.join(" ", java) + "; echo ended").start();
    String first =
        new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    Matcher line = PROBE.matcher(String.valueOf(first));
    assertTrue(line.matches(), "probe said: " + first);
    ProcessHandle tool = ProcessHandle.of(Long.parseLong(line.group(1))).orElseThrow();
    launcher.destroyForcibly().waitFor(); // kill -9 of the launcher
    tool.onExit().get(5, TimeUnit.SECONDS);
    assertFalse(tool.isAlive());
  }

  private record Run(int code, String out, String err) {}

  private static Run run(List<String> jvmOptions, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(javaCommand(jvmOptions, args));
    builder
        .environment()
        .keySet()
        .removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"));
    Process java = builder.start();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(java.getErrorStream()));
    String out = read(java.getInputStream());
    return new Run(java.waitFor(), out, err.get(30, TimeUnit.SECONDS));
  }

  private static List<String> javaCommand(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), HeapCapProbe.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
