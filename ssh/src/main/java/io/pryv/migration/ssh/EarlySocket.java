package io.pryv.migration.ssh;

import com.jcraft.jsch.SocketFactory;
import io.pryv.migration.common.Futures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * The TCP connection to the server, opened on a thread of its own as soon as the target is known and handed to
 * JSch when it asks for its socket. The server forks its session process and writes its version banner while
 * this JVM is still loading JSch and reading the keys, instead of after (JSch opens its socket only once its
 * session is set up: 40-60 ms later in a freshly started JVM). Connects exactly as JSch's own socket would:
 * {@code new Socket()}, then a connect bounded by the connection timeout; a failure reaches JSch as the same
 * exception.
 */
final class EarlySocket implements SocketFactory {
  private final CompletableFuture<Socket> socket = new CompletableFuture<>();
  private final String host;
  private final int port;

  private EarlySocket(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Starts connecting to {@code host:port}, giving up after {@code timeoutMillis} (0: the system's limit). */
  static EarlySocket connect(String host, int port, int timeoutMillis) {
    EarlySocket early = new EarlySocket(host, port);
    Thread thread = new Thread(() -> early.open(timeoutMillis), "ssh-tcp-connect");
    thread.setDaemon(true);
    thread.start();
    return early;
  }

  private void open(int timeoutMillis) {
    Socket opened = new Socket();
    try {
      opened.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.complete(opened);
    } catch (IOException e) {
      closeQuietly(opened);
      socket.completeExceptionally(new UncheckedIOException(e));
    } catch (RuntimeException e) {
      closeQuietly(opened);
      socket.completeExceptionally(e);
    }
  }

  /** The connected socket (JSch asks once per session, with the host and port it was given). */
  @Override
  public Socket createSocket(String host, int port) throws IOException {
    if (!this.host.equals(host) || this.port != port) {
      throw new IllegalStateException("connected to " + this.host + ":" + this.port + ", asked for " + host + ":"
          + port);
    }
    try {
      return Futures.join(socket);
    } catch (UncheckedIOException e) {
      throw e.getCause(); // as JSch's own socket would have thrown it
    }
  }

  @Override
  public InputStream getInputStream(Socket connected) throws IOException {
    return connected.getInputStream();
  }

  @Override
  public OutputStream getOutputStream(Socket connected) throws IOException {
    return connected.getOutputStream();
  }

  /** Closes the connection if JSch never took it (the session could not even be set up). */
  void abandon() {
    socket.thenAccept(EarlySocket::closeQuietly);
  }

  private static void closeQuietly(Socket opened) {
    try {
      opened.close();
    } catch (IOException e) {
      // nothing was sent on it yet
    }
  }
}
