package io.pryv.migration.common.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/** Loopback ports for servers that tests start, and a wait until they listen. */
public final class FreePorts {
  private static final Random RANDOM = new Random();

  private FreePorts() {}

  /**
   * A port free on loopback, chosen below the kernel's ephemeral range: a port the kernel hands out
   * for port 0 can be taken again by any outgoing connection before the test's server binds it.
   */
  public static int find() {
    int low = ephemeralLow();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 10_000 + RANDOM.nextInt(low - 10_000);
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        return port;
      } catch (IOException e) {
        // taken: try another
      }
    }
    throw new IllegalStateException("no free port found below " + low);
  }

  private static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > 12_000 ? low : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  /** Waits until something accepts connections on host:port, or throws after the timeout. */
  public static void awaitListening(String host, int port, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(host, port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(
        "nothing listens on " + host + ":" + port + " after " + timeout);
  }
}
