package io.pryv.migration.verify.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An ordered query string; array parameters repeat their key ({@code streams[]=a&streams[]=b}). */
public final class Query {
  private final List<String[]> pairs = new ArrayList<>();

  public static Query of(String... keysAndValues) {
    Query query = new Query();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      query.add(keysAndValues[i], keysAndValues[i + 1]);
    }
    return query;
  }

  public Query add(String key, Object value) {
    pairs.add(new String[] {key, String.valueOf(value)});
    return this;
  }

  public String encode() {
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      out.append(out.length() == 0 ? '?' : '&');
      out.append(URLEncoder.encode(pair[0], StandardCharsets.UTF_8).replace("%5B%5D", "[]"))
          .append('=')
          .append(URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
