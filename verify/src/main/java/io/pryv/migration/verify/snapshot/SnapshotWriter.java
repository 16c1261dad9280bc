package io.pryv.migration.verify.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pryv.migration.common.integrity.PryvJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a snapshot or seed manifest as JSON lines: a header, then for each account an {@code
 * account} line, its items, and an {@code end} line with counts (a file cut short is detected by
 * its missing end line).
 */
public final class SnapshotWriter implements ItemSink {
  private final ObjectMapper mapper = PryvJson.mapper();
  private final Writer out;

  public SnapshotWriter(Writer out) {
    this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
  }

  public void line(ObjectNode node) {
    try {
      out.write(mapper.writeValueAsString(node));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void accept(Item item) {
    try {
      out.write(mapper.writeValueAsString(item));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
