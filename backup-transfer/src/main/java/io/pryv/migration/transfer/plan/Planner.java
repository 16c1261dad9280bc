package io.pryv.migration.transfer.plan;

import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.Tree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares source and destination. A file is sent when it is missing or differs in size, mtime (quick check) or
 * content (with --checksum: the hashes, given, replace the mtime), or in mode or owner (owner only when the
 * destination side writes as root). A link is sent when its target differs.
 */
public final class Planner {

  /** @param sourceHashes and destHashes: null unless --checksum */
  public record Settings(boolean delete, boolean keepOwner, Map<String, String> sourceHashes,
      Map<String, String> destHashes) {}

  private Planner() {}

  public static Plan plan(Tree source, Tree dest, Settings settings) {
    List<String> unwanted = new ArrayList<>();
    for (Entry there : dest.entries()) {
      if (there.path().isEmpty()) {
        continue;
      }
      Entry here = source.get(there.path());
      boolean conflict = here != null && here.type() != there.type();
      if (conflict || (here == null && settings.delete())) {
        unwanted.add(there.path());
      }
    }
    Collections.sort(unwanted); // parents first: what lies under a removed folder goes with it
    List<String> delete = new ArrayList<>();
    Set<String> removed = new HashSet<>();
    for (String path : unwanted) {
      if (!under(path, removed)) {
        delete.add(path);
        removed.add(path);
      }
    }
    List<Entry> send = new ArrayList<>();
    Set<String> touchedDirs = new HashSet<>();
    long unchanged = 0;
    for (Entry here : source.entries()) {
      if (here.isDir()) {
        continue;
      }
      Entry there = removed.contains(here.path()) || under(here.path(), removed) ? null : dest.get(here.path());
      if (differs(here, there, settings)) {
        send.add(here);
        touchedDirs.add(here.parent());
      } else if (here.isFile()) {
        unchanged++;
      }
    }
    for (String path : delete) {
      String parent = parentOf(path);
      touchedDirs.add(parent);
    }
    List<Entry> dirs = new ArrayList<>();
    for (Entry here : source.entries()) {
      if (!here.isDir()) {
        continue;
      }
      Entry there = under(here.path(), removed) || removed.contains(here.path()) ? null : dest.get(here.path());
      if (there == null || touchedDirs.contains(here.path()) || here.mode() != there.mode()
          || here.mtime() != there.mtime() || ownerDiffers(here, there, settings)) {
        dirs.add(here);
      }
    }
    send.sort(Tree.BY_PATH);
    dirs.sort(Tree.BY_PATH);
    return new Plan(List.copyOf(delete), List.copyOf(send), List.copyOf(dirs), unchanged);
  }

  private static boolean differs(Entry here, Entry there, Settings settings) {
    if (there == null || there.type() != here.type()) {
      return true;
    }
    if (here.isSymlink()) {
      return !here.linkTarget().equals(there.linkTarget());
    }
    if (here.size() != there.size() || here.mode() != there.mode() || ownerDiffers(here, there, settings)) {
      return true;
    }
    if (settings.sourceHashes() != null) {
      String a = settings.sourceHashes().get(here.path());
      String b = settings.destHashes().get(here.path());
      return a == null || !a.equals(b) || here.mtime() != there.mtime();
    }
    return here.mtime() != there.mtime();
  }

  private static boolean ownerDiffers(Entry here, Entry there, Settings settings) {
    return settings.keepOwner() && (here.uid() != there.uid() || here.gid() != there.gid());
  }

  private static boolean under(String path, Set<String> removed) {
    if (removed.isEmpty()) {
      return false;
    }
    for (String parent = parentOf(path); parent != null && !parent.isEmpty(); parent = parentOf(parent)) {
      if (removed.contains(parent)) {
        return true;
      }
    }
    return false;
  }

  private static String parentOf(String path) {
    if (path.isEmpty()) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
