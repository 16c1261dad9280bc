package io.pryv.migration.transfer.plan;

import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.SpillFile;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Records of a plan written to a {@link SpillFile} and read back in the order written: entries to
 * act on ({@link Record#item}), each after the folders it lies in ({@link Record#context}: not
 * acted on, but a receiver needs them to recreate the path with the right mode), or plain paths.
 */
public final class Spool {
  private static final byte CONTEXT = 'C';
  private static final byte ITEM = 'I';

  private final SpillFile file;
  private final DataOutputStream out;
  private final boolean paths;
  private long items;

  /**
   * @param paths true for a spool of plain paths ({@link #path}), false for one of entries
   */
  Spool(boolean paths) throws IOException {
    this.paths = paths;
    file = new SpillFile();
    out = new DataOutputStream(file.output());
  }

  /**
   * A spool of plain text records, read back as a {@link Plan.Spooled} list ({@link #texts}):
   * paths, or fields joined by NUL, which no path holds (a check's differences, a manifest's
   * lines).
   */
  public static Spool ofText() throws IOException {
    return new Spool(true);
  }

  long items() {
    return items;
  }

  /**
   * Every record written so far with {@link #path}, read from the file each time it is iterated.
   */
  public Plan.Spooled<String> texts() {
    return new Plan.Spooled<>(items, this::paths);
  }

  void context(Entry dir) throws IOException {
    write(CONTEXT, dir);
  }

  void item(Entry entry) throws IOException {
    write(ITEM, entry);
    items++;
  }

  public void path(String path) throws IOException {
    out.writeByte(ITEM);
    text(path);
    items++;
  }

  private void write(byte kind, Entry entry) throws IOException {
    out.writeByte(kind);
    out.writeByte(entry.type().ordinal());
    out.writeLong(entry.size());
    out.writeLong(entry.mtime());
    out.writeInt(entry.mode());
    out.writeInt(entry.uid());
    out.writeInt(entry.gid());
    text(entry.path());
    out.writeBoolean(entry.linkTarget() != null);
    if (entry.linkTarget() != null) {
      text(entry.linkTarget());
    }
  }

  private void text(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Every record, in the order written. */
  Iterator<Record> records() {
    DataInputStream in;
    try {
      out.flush();
      in = new DataInputStream(new BufferedInputStream(file.input(), 64 * 1024));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Iterator<>() {
      private Record next = read(in);

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Record next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Record current = next;
        next = read(in);
        return current;
      }
    };
  }

  /** Every path written with {@link #path}. */
  Iterator<String> paths() {
    Iterator<Record> records = records();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public String next() {
        return records.next().path();
      }
    };
  }

  private Record read(DataInputStream in) {
    try {
      int kind;
      try {
        kind = in.readByte();
      } catch (EOFException end) {
        return null;
      }
      if (kind == ITEM && paths) {
        return new Record(true, null, text(in));
      }
      Entry.Type type = Entry.Type.values()[in.readByte()];
      long size = in.readLong();
      long mtime = in.readLong();
      int mode = in.readInt();
      int uid = in.readInt();
      int gid = in.readInt();
      String path = text(in);
      String link = in.readBoolean() ? text(in) : null;
      return new Record(
          kind == ITEM, new Entry(path, type, size, mtime, mode, uid, gid, link), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * One record: an item to act on, or a folder given as context; {@code entry} null for a plain
   * path.
   */
  public record Record(boolean item, Entry entry, String path) {}
}
