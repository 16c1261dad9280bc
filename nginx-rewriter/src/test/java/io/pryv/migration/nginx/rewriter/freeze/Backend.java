package io.pryv.migration.nginx.rewriter.freeze;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the core behind nginx: answers 200 "backend METHOD URI" and records every request
 * it gets.
 */
final class Backend implements AutoCloseable {
  private final HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  Backend() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
          seen.add(request);
          if (exchange.getRequestURI().getPath().endsWith("/slow")) {
            try {
              Thread.sleep(1500);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = ("backend " + request + "\n").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(
              200, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
          if (!exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The requests received so far, "METHOD URI". */
  List<String> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
