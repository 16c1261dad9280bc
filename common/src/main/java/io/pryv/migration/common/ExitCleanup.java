package io.pryv.migration.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Work to do however the tool's JVM ends: at an exit (a shutdown hook) and also before a halt, which skips shutdown
 * hooks ({@link HeapCap}'s child halts when its parent was killed, or when a thread nobody waits for runs out of
 * memory). A failing action does not stop the others.
 */
public final class ExitCleanup {
  private static final List<Runnable> ACTIONS = new CopyOnWriteArrayList<>();
  private static final Object STARTING = new Object();
  private static final List<Process> GROUPS = new ArrayList<>();
  private static boolean stopping;

  private ExitCleanup() {}

  /** Runs {@code action} when the JVM exits or halts. */
  public static void register(String name, Runnable action) {
    ACTIONS.add(action);
    Runtime.getRuntime().addShutdownHook(new Thread(action, name));
  }

  /** Runs the registered actions, then halts the JVM with {@code status}. */
  static void halt(int status) {
    for (Runnable action : ACTIONS) {
      try {
        action.run();
      } catch (RuntimeException e) {
        // halting anyway
      }
    }
    Runtime.getRuntime().halt(status);
  }

  /**
   * Starts {@code command} in a process group of its own ({@code setsid}, util-linux, where installed), so that
   * {@link #stopDescendants} ends it with every process it started, even one it starts while being stopped (a
   * shell's pipeline: one pid at a time would miss it). Refused once stopping has begun.
   */
  public static Process startGroup(List<String> command, ProcessBuilder.Redirect stderr) throws IOException {
    List<String> inGroup = new ArrayList<>();
    ProgramPath.find("setsid").ifPresent(setsid -> inGroup.addAll(List.of(setsid.toString(), "-w")));
    inGroup.addAll(command);
    synchronized (STARTING) {
      if (stopping) {
        throw new IOException("the tool is ending: not starting " + command.get(0));
      }
      GROUPS.removeIf(process -> !process.isAlive());
      // Started by the JVM, the child is no group leader: setsid makes a group of its own pid without forking (-w:
      // should it fork all the same, it waits and passes on the exit status).
      Process process = new ProcessBuilder(inGroup).redirectError(stderr).start();
      GROUPS.add(process);
      return process;
    }
  }

  /**
   * Ends (SIGTERM) every process group started by {@link #startGroup} and every process this JVM started that is
   * still running; from then on {@link #startGroup} starts none.
   */
  public static void stopDescendants() {
    List<String> groups = new ArrayList<>();
    synchronized (STARTING) {
      stopping = true;
      GROUPS.stream().filter(Process::isAlive).forEach(process -> groups.add("-" + process.pid()));
    }
    if (!groups.isEmpty()) {
      List<String> kill = new ArrayList<>(List.of("kill", "-TERM", "--"));
      kill.addAll(groups);
      try {
        new ProcessBuilder(kill).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
            .waitFor(2, TimeUnit.SECONDS);
      } catch (IOException e) {
        // no kill(1): the processes themselves, below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
  }
}
