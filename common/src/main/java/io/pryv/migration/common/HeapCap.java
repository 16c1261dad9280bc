package io.pryv.migration.common;

import java.time.Duration;

/**
 * The tool's side of a bounded heap given by the release's launcher (scripts/release/launcher.sh):
 * the launcher starts the tool with {@code -Xmx...}, {@code -D}{@value #PARENT_PROPERTY}{@code
 * =}its own pid and {@code -D}{@value #RETRY_PROPERTY}{@code =true}, and when the tool ends with
 * {@link #OUT_OF_BOUNDED_HEAP} it starts it once more with the JVM's default heap. So started, the
 * tool ends with that code, quietly, when it runs out of memory before writing anything to stdout
 * (a second run would write it again), and halts as if killed too when its launcher is killed
 * ({@code kill -9}: it is then no longer the tool's parent, noticed within a tenth of a second).
 * Started otherwise ({@code java -jar}), the tool runs with the heap its caller gave it.
 */
public final class HeapCap {
  /** Set by the launcher to its own pid. */
  static final String PARENT_PROPERTY = "pryv.migration.heapCap.parent";

  /**
   * Set by the launcher when it starts the tool again with the default heap if it runs out of the
   * bounded one.
   */
  static final String RETRY_PROPERTY = "pryv.migration.heapCap.retry";

  /**
   * The exit code of a bounded tool that ran out of memory (EX_TEMPFAIL): its launcher starts it
   * again.
   */
  public static final int OUT_OF_BOUNDED_HEAP = 75;

  private static final Duration PARENT_CHECK = Duration.ofMillis(100);

  private HeapCap() {}

  /**
   * Called first thing in {@code main}: does what the launcher's properties ask for, nothing
   * without them.
   */
  public static void prepare() {
    String parent = System.getProperty(PARENT_PROPERTY);
    if (parent != null) {
      watchParent(Long.parseLong(parent));
    }
    if (retriesOutOfMemory()) {
      BoundedChild.prepare();
    }
  }

  /**
   * True in a tool whose launcher will start it again with a larger heap, as long as it has written
   * nothing to stdout: running out of memory then ends it with {@link #OUT_OF_BOUNDED_HEAP} and no
   * message.
   */
  public static boolean retriesOutOfMemory() {
    return Boolean.getBoolean(RETRY_PROPERTY) && !BoundedChild.wroteOutput();
  }

  /**
   * Halts this JVM once the process that started it is no longer its parent: when a process dies
   * its children are handed to another one at once, even while it waits, a zombie, to be reaped
   * (its pid would still look alive).
   */
  private static void watchParent(long pid) {
    Thread watch =
        new Thread(
            () -> {
              try {
                while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)
                    == pid) {
                  Thread.sleep(PARENT_CHECK.toMillis());
                }
              } catch (InterruptedException e) {
                return;
              }
              ExitCleanup.halt(
                  ExitCode.ENVIRONMENT.code()); // the launcher was killed: so is the tool
            },
            "heap-cap-watch-parent");
    watch.setDaemon(true);
    watch.start();
  }
}
