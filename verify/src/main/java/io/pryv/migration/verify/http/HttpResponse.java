package io.pryv.migration.verify.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * A response whose body is read as a stream; closing it returns the connection to the pool when
 * possible.
 */
public final class HttpResponse implements Closeable {
  private final int status;
  private final Map<String, String> headers;
  private final InputStream body;
  private final Closeable onClose;

  HttpResponse(int status, Map<String, String> headers, InputStream body, Closeable onClose) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.onClose = onClose;
  }

  public int status() {
    return status;
  }

  /** A header by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  public InputStream body() {
    return body;
  }

  @Override
  public void close() throws IOException {
    onClose.close();
  }
}
