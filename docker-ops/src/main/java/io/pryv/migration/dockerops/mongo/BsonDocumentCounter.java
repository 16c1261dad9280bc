package io.pryv.migration.dockerops.mongo;

import io.pryv.migration.common.ToolException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bson.BsonBinaryReader;
import org.bson.BsonSerializationException;
import org.bson.BsonType;

/**
 * Counts the documents of one mongodump {@code .bson} file: a plain concatenation of BSON
 * documents. Each document is walked by the official BSON reader (every field's type and length
 * checked, nothing kept in memory), so a truncated or corrupt file is an error, not a wrong count.
 */
public final class BsonDocumentCounter {
  /**
   * MongoDB's limit is 16 MiB; mongodump never writes more (with some slack for internal
   * documents).
   */
  private static final int MAX_DOCUMENT = 48 * 1024 * 1024;

  private BsonDocumentCounter() {}

  public static long count(InputStream stream, String fileName) throws IOException {
    InputStream in = new BufferedInputStream(stream, 1 << 16);
    byte[] header = new byte[4];
    long count = 0;
    long offset = 0;
    while (true) {
      int first = in.read();
      if (first < 0) {
        return count;
      }
      header[0] = (byte) first;
      readFully(in, header, 1, 3, fileName, offset);
      int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (length < 5 || length > MAX_DOCUMENT) {
        throw ToolException.badInput(
            fileName
                + ": document "
                + (count + 1)
                + " at byte "
                + offset
                + " declares an impossible length "
                + length
                + "; the dump is corrupt");
      }
      byte[] document = new byte[length];
      System.arraycopy(header, 0, document, 0, 4);
      readFully(in, document, 4, length - 4, fileName, offset);
      walk(document, fileName, count + 1, offset);
      count++;
      offset += length;
    }
  }

  private static void walk(byte[] document, String fileName, long number, long offset) {
    try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(document))) {
      reader.readStartDocument();
      while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
        reader.skipName();
        reader.skipValue();
      }
      reader.readEndDocument();
    } catch (BsonSerializationException | org.bson.BsonInvalidOperationException e) {
      throw ToolException.badInput(
          fileName
              + ": document "
              + number
              + " at byte "
              + offset
              + " is not valid BSON ("
              + e.getMessage()
              + "); the dump is corrupt");
    }
  }

  private static void readFully(
      InputStream in, byte[] buffer, int from, int length, String fileName, long offset)
      throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(buffer, from + done, length - done);
      if (n < 0) {
        throw ToolException.badInput(
            fileName
                + ": truncated document at byte "
                + offset
                + " (the file ends inside it); the dump is incomplete",
            new EOFException());
      }
      done += n;
    }
  }
}
