package io.pryv.migration.verify.check;

import io.pryv.migration.verify.snapshot.Item;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of an {@link Item} in a bucket file: every field, length-prefixed, nulls kept.
 * Bucket files are written and read back by the same run only, so they need no JSON: decoding them
 * was a third of the check's time.
 */
final class ItemRecords {
  private static final int NULL = -1;

  private ItemRecords() {}

  static void write(DataOutput out, Item item) throws IOException {
    writeString(out, item.kind());
    writeString(out, item.id());
    writeString(out, item.state());
    writeString(out, item.hash());
    writeString(out, item.integrity());
    out.writeByte(item.intact() == null ? NULL : item.intact() ? 1 : 0);
    out.writeBoolean(item.size() != null);
    if (item.size() != null) {
      out.writeLong(item.size());
    }
    writeString(out, item.note());
    List<String> streamIds = item.streamIds();
    out.writeInt(streamIds == null ? NULL : streamIds.size());
    if (streamIds != null) {
      for (String streamId : streamIds) {
        writeString(out, streamId);
      }
    }
  }

  static Item read(DataInput in) throws IOException {
    String kind = readString(in);
    String id = readString(in);
    String state = readString(in);
    String hash = readString(in);
    String integrity = readString(in);
    byte intact = in.readByte();
    Long size = in.readBoolean() ? in.readLong() : null;
    String note = readString(in);
    int streamCount = in.readInt();
    List<String> streamIds = null;
    if (streamCount != NULL) {
      streamIds = new ArrayList<>(streamCount);
      for (int i = 0; i < streamCount; i++) {
        streamIds.add(readString(in));
      }
    }
    return new Item(
        kind,
        id,
        state,
        hash,
        integrity,
        intact == NULL ? null : intact == 1,
        size,
        note,
        streamIds);
  }

  private static void writeString(DataOutput out, String text) throws IOException {
    if (text == null) {
      out.writeInt(NULL);
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInput in) throws IOException {
    int length = in.readInt();
    if (length == NULL) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
