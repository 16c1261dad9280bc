package io.pryv.migration.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapCapTest {
  private static final Pattern PROBE = Pattern.compile("pid (\\d+) heap (\\d+) args (.*)");

  @Test
  void aHeapLimitOnTheCommandLineOrInTheEnvironmentIsSeen() {
    List<String> plain = List.of("/usr/bin/java", "-Dx=1", "-jar", "tool.jar", "-Xmx1g");
    assertFalse(HeapCap.limitsHeap(plain, Map.of()), "-Xmx after -jar is the tool's argument");
    assertTrue(HeapCap.limitsHeap(List.of("java", "-Xmx300m", "-jar", "tool.jar"), Map.of()));
    assertTrue(HeapCap.limitsHeap(List.of("java", "-cp", "a.jar", "-XX:MaxRAMPercentage=5", "Main"), Map.of()));
    assertTrue(HeapCap.limitsHeap(List.of("java", "-XX:MaxHeapSize=1g", "Main"), Map.of()));
    assertFalse(HeapCap.limitsHeap(List.of("java", "-cp", "-Xmx.jar", "Main"), Map.of()), "a class path value");
    assertTrue(HeapCap.limitsHeap(plain, Map.of("JDK_JAVA_OPTIONS", " -Dy=2  -Xmx512m")));
    assertTrue(HeapCap.limitsHeap(plain, Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxRAM=2g")));
    assertFalse(HeapCap.limitsHeap(plain, Map.of("JAVA_TOOL_OPTIONS", "-Xms64m")), "a start size is no limit");
    assertTrue(HeapCap.limitsHeap(plain, Map.of("JDK_JAVA_OPTIONS", "\"-Xmx300m\"")), "quoted");
  }

  @Test
  void aHeapLimitInAnArgFileIsSeen(@TempDir Path dir) throws Exception {
    Path options = Files.writeString(dir.resolve("opts"), "-Dx=1\n  '-Xmx300m'\n");
    Path other = Files.writeString(dir.resolve("other"), "-Dx=1\n");
    assertTrue(HeapCap.limitsHeap(List.of("java", "@" + options, "-jar", "tool.jar"), Map.of()));
    assertFalse(HeapCap.limitsHeap(List.of("java", "@" + other, "-jar", "tool.jar"), Map.of()));
    assertTrue(HeapCap.limitsHeap(List.of("java", "-jar", "tool.jar"), Map.of("JDK_JAVA_OPTIONS", "@" + options)));
    assertFalse(HeapCap.limitsHeap(List.of("java", "@" + dir.resolve("missing"), "Main"), Map.of()));
  }

  @Test
  void theBoundIsReadFromTheOptions() {
    assertEquals(160L << 20, HeapCap.heapBytes(List.of("-Xmx160m", "-XX:+UseSerialGC")));
    assertEquals(2L << 30, HeapCap.heapBytes(List.of("-Xmx2G")));
    assertEquals(4096, HeapCap.heapBytes(List.of("-Xmx4k")));
    assertEquals(0, HeapCap.heapBytes(List.of("-XX:+UseSerialGC")));
  }

  @Test
  void theChildRunsTheSameMainAndArgumentsWithTheOptions() {
    List<String> command = HeapCap.childCommand("/jdk/bin/java", List.of("-Xmx64m"), "a.jar:b.jar", "x.Main",
        new String[] {"push", "-p", "22", "a b"}, 42);
    assertEquals(List.of("/jdk/bin/java", "-Xmx64m", "-D" + HeapCap.PARENT_PROPERTY + "=42", "-cp", "a.jar:b.jar",
        "x.Main", "push", "-p", "22", "a b"), command);
  }

  @Test
  void withoutALimitTheToolRunsInABoundedChildAndItsExitCodeIsKept() throws Exception {
    Process java = probe(List.of(), "7", "two words");
    Matcher line = firstLine(java);
    assertEquals(7, java.waitFor());
    assertNotEquals(java.pid(), Long.parseLong(line.group(1)), "ran in a child");
    assertTrue(Long.parseLong(line.group(2)) <= 64, "bounded: " + line.group());
    assertEquals("7,two words", line.group(3));
  }

  @Test
  void aChildOutOfItsBoundedHeapIsStartedAgainWithTheDefaultHeapAfterOneWarning() throws Exception {
    assertEquals("probe: warning: this tree does not fit the bounded heap the tool runs in (see -Xmx64m); running it"
        + " again with the JVM's default heap\n", errorsOfASecondRun("needs200m"), "one line, no out-of-memory error");
  }

  @Test
  void outOfMemoryInAThreadNobodyWaitsForAlsoGetsTheSecondRun() throws Exception {
    assertTrue(errorsOfASecondRun("thread-needs200m").startsWith("probe: warning: "), "no stack trace");
  }

  /** Runs the probe in {@code mode}, checks it ended well in a second child with more than 200 MB; its stderr. */
  private static String errorsOfASecondRun(String mode) throws Exception {
    Process java = probe(List.of(), ProcessBuilder.Redirect.PIPE, mode);
    CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(java.getErrorStream()));
    Matcher line = firstLine(java);
    assertEquals(0, java.waitFor());
    assertTrue(Long.parseLong(line.group(2)) > 200, "the second child's heap: " + line.group());
    return errors.get(10, TimeUnit.SECONDS);
  }

  @Test
  void noSecondRunOnceTheToolHasWrittenToStdout() throws Exception {
    Process java = probe(List.of(), ProcessBuilder.Redirect.PIPE, "says-then-needs200m");
    CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(java.getErrorStream()));
    String out = read(java.getInputStream());
    assertEquals(4, java.waitFor());
    assertEquals("a first line\n", out, "written once, not twice");
    assertTrue(errors.get(10, TimeUnit.SECONDS).startsWith("probe: error: out of memory"), errors.get());
  }

  @Test
  void outOfMemoryWithTheHeapItWasGivenIsTheToolsError() throws Exception {
    Process java = probe(List.of("-Xmx64m"), ProcessBuilder.Redirect.PIPE, "needs200m");
    String errors = read(java.getErrorStream());
    assertEquals(4, java.waitFor());
    assertTrue(errors.startsWith("probe: error: out of memory: the Java heap is limited to "), errors);
    assertEquals(1, errors.lines().count(), errors);
  }

  @Test
  void withALimitTheToolRunsInThisJvm() throws Exception {
    Process java = probe(List.of("-Xmx200m"), "0");
    Matcher line = firstLine(java);
    assertEquals(0, java.waitFor());
    assertEquals(java.pid(), Long.parseLong(line.group(1)));
    assertTrue(Long.parseLong(line.group(2)) > 64, "its own limit: " + line.group());
  }

  @Test
  void aKilledParentTakesTheChildWithIt() throws Exception {
    Process java = probe(List.of(), "wait");
    ProcessHandle child = ProcessHandle.of(Long.parseLong(firstLine(java).group(1))).orElseThrow();
    java.destroyForcibly().waitFor(); // kill -9: no hook of the parent runs
    child.onExit().get(5, TimeUnit.SECONDS);
    assertFalse(child.isAlive());
  }

  @Test
  void aStoppedParentStopsTheChildCleanlyAndWaitsForIt() throws Exception {
    Process java = probe(List.of(), "wait");
    BufferedReader out = reader(java);
    Matcher line = PROBE.matcher(out.readLine());
    assertTrue(line.matches());
    ProcessHandle child = ProcessHandle.of(Long.parseLong(line.group(1))).orElseThrow();
    java.toHandle().destroy(); // SIGTERM (Process.destroy would also close the streams read here)
    assertTrue(java.waitFor(10, TimeUnit.SECONDS));
    assertEquals("stopped cleanly", out.readLine(), "the child's shutdown hooks ran before the parent ended");
    assertFalse(child.isAlive());
  }

  private static Process probe(List<String> jvmOptions, String... args) throws IOException {
    return probe(jvmOptions, ProcessBuilder.Redirect.INHERIT, args);
  }

  private static Process probe(List<String> jvmOptions, ProcessBuilder.Redirect errors, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), HeapCapProbe.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors);
    builder.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"));
    return builder.start();
  }

  private static Matcher firstLine(Process java) throws IOException {
    String line = reader(java).readLine();
    Matcher matcher = PROBE.matcher(String.valueOf(line));
    assertTrue(matcher.matches(), "probe said: " + line);
    return matcher;
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static BufferedReader reader(Process java) {
    return new BufferedReader(new InputStreamReader(java.getInputStream(), StandardCharsets.UTF_8));
  }
}
