package io.pryv.migration.nginx.rewriter.freeze;

import java.util.List;

/**
 * The lines a freeze puts at the top of a {@code server} block. Server level, not per location: its
 * rewrite phase runs before any location is chosen, so every request of the server is covered,
 * whatever locations the file has now or gets later (Pryv's {@code location = /} with its {@code
 * if} and {@code limit_except}, regex locations, {@code /notify}), and nothing depends on a
 * location's own {@code add_header} or {@code default_type}. Refused requests are rewritten to an
 * internal location that answers the 503 itself, so its headers and content type are the freeze's
 * own. First in the block, so the server's own rewrites (Pryv's static sites rewrite everything to
 * index.html) do not run first.
 */
final class FreezeLines {
  /**
   * The internal location that answers refused requests. The dot keeps it off Pryv's /{username}/
   * paths.
   */
  static final String LOCATION = "/.nginx-rewriter-frozen";

  /** Methods that pass while frozen: reads, and OPTIONS so that CORS preflights reach the core. */
  static final String ALLOWED_METHODS = "GET|HEAD|OPTIONS";

  static final String ERROR_ID = "api-unavailable";

  private FreezeLines() {}

  /** The lines, each with its mark and line ending. */
  static String render(String indentation, String unit, String lineEnding, int retryAfter) {
    String inner = indentation + unit;
    List<String> lines =
        List.of(
            indentation
                + "# writes paused (503) by nginx-rewriter freeze; undo with: nginx-rewriter unfreeze",
            indentation
                + "if ($request_method !~ ^("
                + ALLOWED_METHODS
                + ")$) { rewrite ^ "
                + LOCATION
                + " last; }",
            // A websocket (Pryv's socket.io) carries API calls, writes included, inside one GET.
            indentation + "if ($http_upgrade) { rewrite ^ " + LOCATION + " last; }",
            indentation + "location = " + LOCATION + " {",
            inner + "internal;",
            inner + "types { }",
            inner + "default_type application/json;",
            inner + "add_header Retry-After " + retryAfter + " always;",
            inner + "add_header Access-Control-Allow-Origin $http_origin always;",
            inner + "add_header Access-Control-Allow-Credentials true always;",
            inner + "return 503 '" + body(retryAfter) + "\\n';",
            indentation + "}");
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append(FreezeMarks.FROZEN).append(lineEnding);
    }
    return text.toString();
  }

  /**
   * Pryv's error shape (without "meta", as Pryv's HFS errors): no quote or dollar, so safe in nginx
   * quotes.
   */
  static String body(int retryAfter) {
    return "{\"error\":{\"id\":\""
        + ERROR_ID
        + "\",\"message\":\"Writes are paused while this Pryv.io core"
        + " moves to another server; reads still work. Retry in "
        + retryAfter
        + " seconds.\"}}";
  }
}
