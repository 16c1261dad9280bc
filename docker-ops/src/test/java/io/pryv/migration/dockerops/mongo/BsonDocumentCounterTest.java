package io.pryv.migration.dockerops.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.ExitCode;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.dockerops.files.LocalHostFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dump checker on real BSON written by the official MongoDB BSON library (as mongodump writes
 * it).
 */
public class BsonDocumentCounterTest {

  /** Pryv-like event documents, encoded one after the other like a mongodump .bson file. */
  public static byte[] bsonFile(int documents) {
    BasicOutputBuffer buffer = new BasicOutputBuffer();
    for (int i = 0; i < documents; i++) {
      Document event =
          new Document("_id", new ObjectId())
              .append("userId", "u" + (i % 7))
              .append("streamIds", Arrays.asList("diary", "s" + i))
              .append("type", "note/txt")
              .append("content", "event number " + i + " é ✓")
              .append("time", 1.7e9 + i)
              .append(
                  "attachments",
                  i % 3 == 0 ? Arrays.asList(new Document("id", "a" + i).append("size", i)) : null)
              .append("deleted", i % 11 == 0 ? new java.util.Date(0) : null);
      try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
        new DocumentCodec().encode(writer, event, EncoderContext.builder().build());
      }
    }
    return buffer.toByteArray();
  }

  @Test
  void countsEveryDocument() throws IOException {
    assertEquals(0, BsonDocumentCounter.count(new ByteArrayInputStream(new byte[0]), "empty.bson"));
    assertEquals(1, BsonDocumentCounter.count(new ByteArrayInputStream(bsonFile(1)), "one.bson"));
    assertEquals(
        2500, BsonDocumentCounter.count(new ByteArrayInputStream(bsonFile(2500)), "events.bson"));
  }

  @Test
  void truncatedFileIsAnError() {
    byte[] full = bsonFile(10);
    byte[] cut = Arrays.copyOf(full, full.length - 3);
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> BsonDocumentCounter.count(new ByteArrayInputStream(cut), "events.bson"));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage().startsWith("events.bson: truncated document at byte "), e.getMessage());
  }

  @Test
  void corruptDocumentIsAnError() {
    byte[] bytes = bsonFile(3);
    int second = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0);
    bytes[second + 4] = 0x7f; // the first element type of document 2: no such BSON type
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> BsonDocumentCounter.count(new ByteArrayInputStream(bytes), "streams.bson"));
    assertTrue(
        e.getMessage()
            .startsWith("streams.bson: document 2 at byte " + second + " is not valid BSON"),
        e.getMessage());
    byte[] hugeLength = bsonFile(1);
    hugeLength[3] = 0x7f;
    assertTrue(
        assertThrows(
                ToolException.class,
                () -> BsonDocumentCounter.count(new ByteArrayInputStream(hugeLength), "x.bson"))
            .getMessage()
            .contains("impossible length"));
  }

  @Test
  void countsADumpFolderIncludingGzipAndEmptyCollections(@TempDir Path dir) throws IOException {
    Path db = Files.createDirectories(dir.resolve("pryv-node"));
    Files.write(db.resolve("events.bson"), bsonFile(120));
    Files.writeString(db.resolve("events.metadata.json"), "{}");
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(db.resolve("streams.bson.gz")))) {
      out.write(bsonFile(17));
    }
    Files.write(db.resolve("accesses.bson"), new byte[0]);
    Files.writeString(db.resolve("sessions.metadata.json"), "{}");
    Files.writeString(db.resolve("README"), "not a dump file");
    Map<String, Long> counts = new DumpFolderCounter(new LocalHostFiles()).count(db.toString());
    assertEquals(
        new TreeMap<>(Map.of("events", 120L, "streams", 17L, "accesses", 0L, "sessions", 0L)),
        counts);
  }

  @Test
  void missingFolderIsBadInput(@TempDir Path dir) {
    ToolException e =
        assertThrows(
            ToolException.class,
            () ->
                new DumpFolderCounter(new LocalHostFiles())
                    .count(dir.resolve("pryv-node").toString()));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
  }
}
