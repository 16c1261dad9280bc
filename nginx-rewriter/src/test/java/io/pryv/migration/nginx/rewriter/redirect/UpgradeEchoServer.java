package io.pryv.migration.nginx.rewriter.redirect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The websocket end of the chain, behind dest's nginx: answers one upgrade request with 101,
 * records the request head it got, then echoes bytes back. Enough to prove the upgrade crosses both
 * proxies.
 */
final class UpgradeEchoServer implements AutoCloseable {
  private final ServerSocket server;
  private final CompletableFuture<String> requestHead = new CompletableFuture<>();

  UpgradeEchoServer() throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
    Thread thread = new Thread(this::serve, "upgrade-echo");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  CompletableFuture<String> requestHead() {
    return requestHead;
  }

  private void serve() {
    try (Socket socket = server.accept()) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed before the end of the request head");
        }
        head.write(b);
      }
      requestHead.complete(head.toString(StandardCharsets.US_ASCII));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] buffer = new byte[1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      requestHead.completeExceptionally(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
