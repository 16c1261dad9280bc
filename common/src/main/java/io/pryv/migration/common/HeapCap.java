package io.pryv.migration.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a tool's memory bounded when it is started as plain {@code java -jar TOOL.jar}. With no heap limit the
 * JVM sizes its heap from the machine (up to a quarter of the RAM, a 64th to start with: 384 MB on 24 GB) and G1
 * fills that room before it collects: a tool whose live data is 50 MB then reaches 500 MB of RSS. A jar cannot
 * carry JVM options, so a JVM started without a limit runs the tool again in a child JVM with the given options
 * ({@code -Xmx...}) and the same class path, main class and arguments, hands it its own stdin, stdout and stderr,
 * and exits with its exit code. A JVM given a limit by whoever started it ({@code -Xmx}, {@code -XX:MaxHeapSize},
 * {@code -XX:MaxRAM...}, directly, in an {@code @argfile}, or through {@code JDK_JAVA_OPTIONS} or
 * {@code JAVA_TOOL_OPTIONS}) runs the tool itself.
 *
 * <p>The child goes when its parent goes: a parent stopped by a signal it can catch (Ctrl-C, {@code kill}) stops
 * the child the same way and waits for it; a parent killed with {@code kill -9} is noticed by the child within a
 * tenth of a second (it is then no longer the child's parent, even before anyone reaps it), and the child then
 * halts as if it had been killed too.
 */
public final class HeapCap {
  /** Set in the child to the parent's pid. */
  static final String PARENT_PROPERTY = "pryv.migration.heapCap.parent";
  /** Set in a bounded child that is started again with the default heap if it runs out of memory. */
  static final String RETRY_PROPERTY = "pryv.migration.heapCap.retry";
  /** The exit code of a bounded child that ran out of memory (EX_TEMPFAIL): its parent starts it again. */
  public static final int OUT_OF_BOUNDED_HEAP = 75;
  private static final List<String> HEAP_OPTIONS =
      List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAM=", "-XX:MaxRAMPercentage=", "-XX:MaxRAMFraction=");
  private static final List<String> OPTION_VARIABLES =
      List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");
  private static final Duration PARENT_CHECK = Duration.ofMillis(100);

  private HeapCap() {}

  /**
   * Called first thing in {@code main}: empty when this JVM should run the tool (it has a heap limit, or it is
   * the child), else the exit code of the child that ran it with {@code boundingOptions}. The child does not get
   * this JVM's own command-line options (it inherits the environment, so those of {@code JAVA_TOOL_OPTIONS} and
   * {@code JDK_JAVA_OPTIONS} apply): whoever needs theirs gives a heap limit too, and the tool runs in that JVM.
   * A child that runs out of its bounded heap ends with {@link #OUT_OF_BOUNDED_HEAP} and is started again once
   * without the bounding options (the JVM's default heap), after one warning line naming {@code toolName}: a
   * migration should not fail because a tree is larger than the memory bound.
   */
  public static OptionalInt runBounded(String toolName, Class<?> mainClass, String[] args,
      List<String> boundingOptions) {
    String parent = System.getProperty(PARENT_PROPERTY);
    if (parent != null) {
      watchParent(Long.parseLong(parent));
      if (retriesOutOfMemory()) {
        BoundedChild.prepare();
      }
      return OptionalInt.empty();
    }
    if (!FastPath.HEAP_CAP_RELAUNCH.on()) {
      return OptionalInt.empty();
    }
    Optional<List<String>> commandLine = ownCommandLine();
    if (commandLine.isEmpty() || limitsHeap(commandLine.get(), System.getenv())) {
      return OptionalInt.empty();
    }
    String java = javaExecutable(commandLine.get());
    java.util.function.Function<List<String>, List<String>> childWith = options -> childCommand(java, options,
        System.getProperty("java.class.path"), mainClass.getName(), args, ProcessHandle.current().pid());
    // A second run only where the JVM's default heap (a quarter of the memory) is more than twice the bound: not on
    // a machine or container under ~1.3 GB.
    List<String> bounded = new ArrayList<>(boundingOptions);
    if (Runtime.getRuntime().maxMemory() > 2 * heapBytes(boundingOptions)) {
      bounded.add("-D" + RETRY_PROPERTY + "=true");
    }
    AtomicReference<Process> running = new AtomicReference<>();
    // Stays registered: once the child has ended it has nothing to do (and may not be removed during a shutdown).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running.get()), "heap-cap-stop-child"));
    OptionalInt code = runChild(childWith.apply(bounded), running);
    if (code.isPresent() && code.getAsInt() == OUT_OF_BOUNDED_HEAP) {
      System.err.println(toolName + ": warning: this tree does not fit the bounded heap the tool runs in (see"
          + " " + String.join(" ", boundingOptions) + "); running it again with the JVM's default heap");
      System.err.flush();
      code = runChild(childWith.apply(List.of()), running);
    }
    return code;
  }

  /** The heap limit that {@code -Xmx} sets in {@code options}, in bytes; 0 if none. */
  static long heapBytes(List<String> options) {
    long bytes = 0;
    for (String option : options) {
      if (option.startsWith("-Xmx") && option.length() > 4) {
        String size = option.substring(4).toLowerCase(java.util.Locale.ROOT);
        char unit = size.charAt(size.length() - 1);
        long scale = unit == 'k' ? 1L << 10 : unit == 'm' ? 1L << 20 : unit == 'g' ? 1L << 30 : 1;
        bytes = Long.parseLong(Character.isDigit(unit) ? size : size.substring(0, size.length() - 1)) * scale;
      }
    }
    return bytes;
  }

  /**
   * True in a bounded child whose parent will start it again with a larger heap, as long as it has written
   * nothing to stdout (a second run would write it again): running out of memory then ends it with
   * {@link #OUT_OF_BOUNDED_HEAP} and no message.
   */
  public static boolean retriesOutOfMemory() {
    return Boolean.getBoolean(RETRY_PROPERTY) && !BoundedChild.wroteOutput();
  }

  /** Starts one child and waits for it; empty if it could not be started (the caller then runs the tool itself). */
  private static OptionalInt runChild(List<String> command, AtomicReference<Process> running) {
    Process child;
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      return OptionalInt.empty(); // no second JVM: run in this one, unbounded rather than not at all
    }
    running.set(child);
    while (true) {
      try {
        return OptionalInt.of(child.waitFor());
      } catch (InterruptedException e) {
        // keep waiting: the child's exit code is this process's
      }
    }
  }

  /**
   * True when the JVM's own arguments (those of its {@code @argfiles} included) or the variables the java launcher
   * and the JVM read set a heap limit.
   */
  static boolean limitsHeap(List<String> commandLine, Map<String, String> environment) {
    List<String> options = new ArrayList<>();
    for (String option : jvmOptions(commandLine)) {
      options.addAll(option.startsWith("@") && !option.startsWith("@@") ? argFile(option.substring(1))
          : List.of(option));
    }
    for (String variable : OPTION_VARIABLES) {
      String value = environment.get(variable);
      if (value != null) {
        for (String token : tokens(value)) {
          options.addAll(token.startsWith("@") ? argFile(token.substring(1)) : List.of(token));
        }
      }
    }
    return options.stream().anyMatch(option -> HEAP_OPTIONS.stream().anyMatch(option::startsWith));
  }

  /** The options of an {@code @argfile}; none if it cannot be read. */
  private static List<String> argFile(String path) {
    try {
      return tokens(Files.readString(Path.of(path)));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Whitespace-separated tokens, their quotes taken off (the way the java launcher reads options). */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String token : text.trim().split("\\s+")) {
      String unquoted = token.replace("\"", "").replace("'", "");
      if (!unquoted.isEmpty()) {
        tokens.add(unquoted);
      }
    }
    return tokens;
  }

  /**
   * The JVM options of a java command line, what comes before {@code -jar}, the main class or a source file,
   * without the separate values of those that take one ({@code -cp PATH}).
   */
  static List<String> jvmOptions(List<String> commandLine) {
    List<String> options = new ArrayList<>();
    for (int i = 1; i < commandLine.size(); i++) {
      String arg = commandLine.get(i);
      if (arg.equals("-jar") || !(arg.startsWith("-") || arg.startsWith("@"))) {
        break;
      }
      options.add(arg);
      if (takesValue(arg)) {
        i++;
      }
    }
    return options;
  }

  private static boolean takesValue(String option) {
    return List.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--upgrade-module-path",
        "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module")
        .contains(option);
  }

  static List<String> childCommand(String java, List<String> jvmOptions, String classPath, String mainClass,
      String[] args, long parentPid) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.add("-D" + PARENT_PROPERTY + "=" + parentPid);
    command.addAll(List.of("-cp", classPath, mainClass));
    command.addAll(Arrays.asList(args));
    return command;
  }

  /** This JVM's command line, read from /proc (cheaper than the management beans: ~1 ms against ~20 ms). */
  private static Optional<List<String>> ownCommandLine() {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
      String text = new String(raw, StandardCharsets.UTF_8);
      if (text.endsWith("\0")) {
        text = text.substring(0, text.length() - 1);
      }
      return text.isEmpty() ? Optional.empty() : Optional.of(List.of(text.split("\0", -1)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String javaExecutable(List<String> commandLine) {
    Path home = Path.of(System.getProperty("java.home"), "bin", "java");
    return Files.isExecutable(home) ? home.toString() : commandLine.get(0);
  }

  private static void stop(Process child) {
    if (child != null && child.isAlive()) {
      child.destroy(); // SIGTERM: the child's own shutdown hooks clean up
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Halts this JVM once the process that started it is no longer its parent: when a process dies its children
   * are handed to another one at once, even while it waits, a zombie, to be reaped (its pid would still look alive).
   */
  private static void watchParent(long pid) {
    Thread watch = new Thread(() -> {
      try {
        while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == pid) {
          Thread.sleep(PARENT_CHECK.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      }
      ExitCleanup.halt(ExitCode.ENVIRONMENT.code()); // the parent was killed: so is its child
    }, "heap-cap-watch-parent");
    watch.setDaemon(true);
    watch.start();
  }
}
