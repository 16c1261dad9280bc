package io.pryv.migration.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Work to do however the tool's JVM ends: at an exit (a shutdown hook) and also before a halt,
 * which skips shutdown hooks (a tool halts when its launcher was killed, {@link HeapCap}, or when a
 * thread nobody waits for runs out of memory). A failing action does not stop the others, nor the
 * halt.
 */
public final class ExitCleanup {
  private static final List<Runnable> ACTIONS = new CopyOnWriteArrayList<>();
  private static final Object STARTING = new Object();
  private static final int FREEZE_ROUNDS = 50;
  private static boolean stopping;

  private ExitCleanup() {}

  /** Runs {@code action} when the JVM exits or halts. */
  public static void register(String name, Runnable action) {
    ACTIONS.add(action);
    Runtime.getRuntime().addShutdownHook(new Thread(action, name));
  }

  /**
   * Runs the registered actions, then halts the JVM with {@code status}, whatever the actions
   * throw.
   */
  static void halt(int status) {
    try {
      for (Runnable action : ACTIONS) {
        try {
          action.run();
        } catch (RuntimeException e) {
          // the next one, then the halt
        }
      }
    } catch (Throwable e) {
      // out of memory while cleaning up: halt all the same
    } finally {
      Runtime.getRuntime().halt(status);
    }
  }

  /**
   * Starts a process that {@link #stopDescendants} cannot miss (a thread still running while the
   * JVM ends would otherwise start one just after the others were stopped). Refused once stopping
   * has begun.
   */
  public static Process start(ProcessBuilder builder) throws IOException {
    synchronized (STARTING) {
      if (stopping) {
        throw new IOException("the tool is ending: not starting " + builder.command().get(0));
      }
      return builder.start();
    }
  }

  /**
   * Ends every process this JVM started that is still running, and theirs; from then on {@link
   * #start} starts none. They stay in the tool's process group (a terminal's Ctrl-C, Ctrl-Z, or a
   * kill of the group reach them as before). A shell being stopped may start a command between a
   * look at its children and its end, and a child whose parent dies first is no longer a
   * descendant: so the whole tree is frozen first (SIGSTOP, round after round until no new process
   * shows up), then sent SIGTERM and SIGCONT, so that each ends as on a plain kill (a script's
   * traps remove its temporary files).
   */
  public static void stopDescendants() {
    synchronized (STARTING) {
      stopping = true;
    }
    Set<Long> frozen = new LinkedHashSet<>();
    for (int round = 0; round < FREEZE_ROUNDS; round++) {
      List<Long> found =
          ProcessHandle.current()
              .descendants()
              .map(ProcessHandle::pid)
              .filter(pid -> !frozen.contains(pid))
              .toList();
      if (found.isEmpty()) {
        break;
      }
      signal("-STOP", found);
      frozen.addAll(found);
    }
    signal("-TERM", frozen);
    signal("-CONT", frozen);
  }

  private static void signal(String signal, java.util.Collection<Long> pids) {
    if (pids.isEmpty()) {
      return;
    }
    List<String> kill = new ArrayList<>(List.of("kill", signal, "--"));
    pids.forEach(pid -> kill.add(Long.toString(pid)));
    try {
      new ProcessBuilder(kill)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(2, TimeUnit.SECONDS);
    } catch (IOException e) {
      if (signal.equals("-TERM")) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy)); // no kill(1)
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
