package io.pryv.migration.nginx.rewriter.freeze;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One plain HTTP/1.1 request on a new connection (Connection: close), any method and any header
 * (the JDK client refuses Upgrade and Host): what a fresh client does, with no keep-alive to hide
 * or add failures.
 */
final class RawHttp {
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  static Response send(int port, String method, String path, String extraHeaders, String body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: alice.pryv.test\r\nConnection: close\r\n"
              + extraHeaders
              + (body == null
                  ? ""
                  : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
              + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      if (!response.startsWith("HTTP/1.1 ") || end < 0) {
        throw new IOException("not an HTTP response: '" + response + "'");
      }
      String[] lines = response.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
      return new Response(
          Integer.parseInt(lines[0].substring(9, 12)), headers, response.substring(end + 4));
    }
  }
}
