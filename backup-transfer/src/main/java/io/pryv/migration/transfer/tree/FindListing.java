package io.pryv.migration.transfer.tree;

import io.pryv.migration.common.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what GNU {@code find . -printf FORMAT} prints on the far side: a {@code uid} header, then eight
 * NUL-terminated fields per path (type, size, mtime, mode, uid, gid, path, link target). NUL separation keeps
 * every possible file name intact (spaces, newlines, unicode).
 */
public final class FindListing {
  /** The -printf format this parser reads. */
  public static final String FORMAT = "%y\\0%s\\0%T@\\0%m\\0%U\\0%G\\0%P\\0%l\\0";

  private FindListing() {}

  public static LocalScanner.Result parse(InputStream in, boolean followLinks, String origin) throws IOException {
    List<String> fields = split(in);
    if (fields.size() < 2 || !fields.get(0).equals("uid")) {
      throw ToolException.environment("unexpected listing from " + origin + " (is GNU find installed there?)");
    }
    int ownerUid = Integer.parseInt(fields.get(1));
    if ((fields.size() - 2) % 8 != 0) {
      throw ToolException.environment("truncated listing from " + origin);
    }
    Map<String, Entry> entries = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 2; i < fields.size(); i += 8) {
      String type = fields.get(i);
      String path = RelativePaths.requireSafe(fields.get(i + 6), origin);
      if (RelativePaths.isPartial(path)) {
        continue;
      }
      long size = Long.parseLong(fields.get(i + 1));
      long mtime = seconds(fields.get(i + 2));
      int mode = Integer.parseInt(fields.get(i + 3), 8);
      int uid = Integer.parseInt(fields.get(i + 4));
      int gid = Integer.parseInt(fields.get(i + 5));
      String link = fields.get(i + 7);
      switch (type) {
        case "f" -> entries.put(path, new Entry(path, Entry.Type.FILE, size, mtime, mode, uid, gid, null));
        case "d" -> entries.put(path, new Entry(path, Entry.Type.DIR, 0, mtime, mode, uid, gid, null));
        case "l" -> {
          if (followLinks) {
            skipped.add(path); // with find -L only a dangling link is still a link
          } else {
            entries.put(path, new Entry(path, Entry.Type.SYMLINK, 0, mtime, mode, uid, gid, link));
          }
        }
        default -> skipped.add(path); // device, fifo, socket
      }
    }
    return new LocalScanner.Result(new Tree(entries, ownerUid), skipped);
  }

  static long seconds(String findTime) {
    int dot = findTime.indexOf('.');
    String whole = dot < 0 ? findTime : findTime.substring(0, dot);
    long value = Long.parseLong(whole);
    boolean fraction = dot >= 0 && findTime.substring(dot + 1).chars().anyMatch(c -> c != '0');
    return value < 0 && fraction ? value - 1 : value;
  }

  /** NUL-terminated UTF-8 fields. */
  static List<String> split(InputStream in) throws IOException {
    List<String> fields = new ArrayList<>();
    ByteArrayOutputStream field = new ByteArrayOutputStream(256);
    byte[] buffer = new byte[64 * 1024];
    int count;
    while ((count = in.read(buffer)) >= 0) {
      int start = 0;
      for (int i = 0; i < count; i++) {
        if (buffer[i] == 0) {
          field.write(buffer, start, i - start);
          fields.add(field.toString(StandardCharsets.UTF_8));
          field.reset();
          start = i + 1;
        }
      }
      field.write(buffer, start, count - start);
    }
    return fields;
  }
}
