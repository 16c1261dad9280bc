package io.pryv.migration.nginx.rewriter.freeze;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that GET in a loop (a new connection each time) until stopped: what readers see during a
 * reload.
 */
final class ReadLoad implements AutoCloseable {
  record Figures(int requests, List<String> failures, long medianMillis, long maxMillis) {}

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<Long> millis = new CopyOnWriteArrayList<>();

  ReadLoad(int port, String path, int clients) {
    for (int i = 0; i < clients; i++) {
      Thread thread =
          new Thread(
              () -> {
                while (running.get()) {
                  long start = System.nanoTime();
                  try {
                    RawHttp.Response response = RawHttp.send(port, "GET", path, "", null);
                    if (response.status() != 200) {
                      failures.add("status " + response.status() + ": " + response.body());
                    }
                  } catch (Exception e) {
                    failures.add(e.toString());
                  }
                  millis.add((System.nanoTime() - start) / 1_000_000);
                }
              },
              "read-load-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  Figures stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(15_000);
    }
    List<Long> sorted = millis.stream().sorted().toList();
    return new Figures(
        sorted.size(),
        List.copyOf(failures),
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2),
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
