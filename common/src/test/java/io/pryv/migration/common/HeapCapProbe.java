package io.pryv.migration.common;

import java.util.List;
import java.util.OptionalInt;

/**
 * A main for {@link HeapCapTest}: bounded through {@link HeapCap} to a 64 MB heap, prints its pid and heap limit,
 * then exits with the code given as first argument, or with "wait" sleeps until stopped (saying so on stdout).
 */
public final class HeapCapProbe {
  private HeapCapProbe() {}

  public static void main(String[] args) throws InterruptedException {
    OptionalInt child = HeapCap.runBounded(HeapCapProbe.class, args, List.of("-Xmx64m"));
    if (child.isPresent()) {
      System.exit(child.getAsInt());
    }
    System.out.println("pid " + ProcessHandle.current().pid() + " heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " args " + String.join(",", args));
    System.out.flush();
    if (args[0].equals("wait")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopped cleanly")));
      Thread.sleep(60_000);
    }
    System.exit(Integer.parseInt(args[0]));
  }
}
