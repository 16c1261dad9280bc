package io.pryv.migration.ssh;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251 section 5): uint32, string and mpint, read and written. */
final class SshWire {
  private SshWire() {}

  /**
   * Reads from a byte array; a truncated or oversized field throws {@link
   * IllegalArgumentException}.
   */
  static final class Reader {
    private final ByteBuffer buffer;

    Reader(byte[] bytes) {
      buffer = ByteBuffer.wrap(bytes);
    }

    int uint32() {
      need(4);
      return buffer.getInt();
    }

    byte[] string() {
      int length = uint32();
      if (length < 0) {
        throw new IllegalArgumentException("field length out of range");
      }
      need(length);
      byte[] bytes = new byte[length];
      buffer.get(bytes);
      return bytes;
    }

    String text() {
      return new String(string(), StandardCharsets.UTF_8);
    }

    BigInteger mpint() {
      byte[] bytes = string();
      return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
    }

    private void need(int length) {
      if (buffer.remaining() < length) {
        throw new IllegalArgumentException(
            "truncated: " + length + " bytes expected, " + buffer.remaining() + " left");
      }
    }
  }

  /** Builds a byte array. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer string(byte[] bytes) {
      int length = bytes.length;
      out.write(length >>> 24);
      out.write(length >>> 16);
      out.write(length >>> 8);
      out.write(length);
      out.write(bytes, 0, length);
      return this;
    }

    Writer string(String text) {
      return string(text.getBytes(StandardCharsets.UTF_8));
    }

    Writer mpint(BigInteger value) {
      return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
