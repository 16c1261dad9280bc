package io.pryv.migration.common;

/**
 * A main for {@link HeapCapTest}, started as the release's launcher starts a bounded tool: prints
 * its pid and heap limit, then exits with the code given as first argument, or with "wait" sleeps
 * until stopped, or with "needs200m" first holds 200 MB (through {@link CommandBoundary}, as a tool
 * would), with "says-then-needs200m" prints a line first, with "thread-needs200m" holds them in a
 * thread of its own that nobody waits for.
 */
public final class HeapCapProbe {
  private HeapCapProbe() {}

  public static void main(String[] args) throws InterruptedException {
    HeapCap.prepare();
    if (args[0].endsWith("needs200m")) {
      if (args[0].startsWith("says")) {
        System.out.println("a first line");
      }
      if (args[0].startsWith("thread")) {
        Thread thread =
            new Thread(
                () -> {
                  hold200m();
                  describe(args);
                });
        thread.start();
        thread.join();
        System.exit(0);
      }
      System.exit(
          CommandBoundary.run(
              "probe",
              args,
              System.err,
              () -> {
                int held = hold200m();
                describe(args);
                return held == 200 ? 0 : 1;
              }));
    }
    describe(args);
    if (args[0].equals("wait")) {
      Thread.sleep(60_000);
    }
    System.exit(Integer.parseInt(args[0]));
  }

  private static int hold200m() {
    byte[][] held = new byte[200][];
    for (int i = 0; i < held.length; i++) {
      held[i] = new byte[1024 * 1024];
    }
    return held.length;
  }

  private static void describe(String[] args) {
    System.out.println(
        "pid "
            + ProcessHandle.current().pid()
            + " heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " args "
            + String.join(",", args));
    System.out.flush();
  }
}
