package io.pryv.migration.verify.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP/1.1 request: method, path with its encoded query, extra headers, optional body. */
public record HttpRequest(String method, String target, Map<String, String> headers, byte[] body) {

  public HttpRequest {
    headers = Map.copyOf(new LinkedHashMap<>(headers));
  }

  /** The request line without the query, safe to print (queries may carry read tokens). */
  public String describe() {
    int query = target.indexOf('?');
    return method + " " + (query < 0 ? target : target.substring(0, query));
  }
}
