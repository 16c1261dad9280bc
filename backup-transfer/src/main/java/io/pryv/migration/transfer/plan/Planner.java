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
    // One look-up per source entry, kept for every decision below: three passes of 20,000 look-ups each were
    // most of an unchanged re-run's comparison in a freshly started JVM.
    Entry[] here = source.entries().toArray(new Entry[0]);
    Entry[] there = new Entry[here.length];
    List<String> unwanted = new ArrayList<>();
    for (int i = 0; i < here.length; i++) {
      there[i] = counterpart(here[i], dest, unwanted);
    }
    if (settings.delete()) {
      for (Entry entry : dest.entries()) {
        if (!entry.path().isEmpty() && !source.contains(entry.path())) {
          unwanted.add(entry.path());
        }
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
    if (!removed.isEmpty()) {
      for (int i = 0; i < here.length; i++) {
        if (removed.contains(here[i].path()) || under(here[i].path(), removed)) {
          there[i] = null; // removed first, then sent again
        }
      }
    }
    List<Entry> send = new ArrayList<>();
    Set<String> touchedDirs = new HashSet<>();
    long unchanged = 0;
    for (int i = 0; i < here.length; i++) {
      if (here[i].isDir()) {
        continue;
      }
      if (differs(here[i], there[i], settings)) {
        send.add(here[i]);
        touchedDirs.add(here[i].parent());
      } else if (here[i].isFile()) {
        unchanged++;
      }
    }
    for (String path : delete) {
      touchedDirs.add(parentOf(path));
    }
    List<Entry> dirs = new ArrayList<>();
    for (int i = 0; i < here.length; i++) {
      if (here[i].isDir() && dirDiffers(here[i], there[i], touchedDirs, settings)) {
        dirs.add(here[i]);
      }
    }
    send.sort(Tree.BY_PATH);
    dirs.sort(Tree.BY_PATH);
    return new Plan(List.copyOf(delete), List.copyOf(send), List.copyOf(dirs), unchanged);
  }

  /**
   * The destination's entry at the same path; a conflicting one (a file where a folder goes, or the other way
   * round) is also unwanted. One call per entry rather than a loop body: the JIT compiles a small method after
   * a few hundred calls, a long loop in a method called once runs interpreted.
   */
  private static Entry counterpart(Entry here, Tree dest, List<String> unwanted) {
    Entry there = dest.get(here.path());
    if (there != null && there.type() != here.type() && !here.path().isEmpty()) {
      unwanted.add(here.path());
    }
    return there;
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

  /** A folder is set again when it is new, had something sent or removed in it, or its own metadata differs. */
  private static boolean dirDiffers(Entry here, Entry there, Set<String> touchedDirs, Settings settings) {
    return there == null || touchedDirs.contains(here.path()) || here.mode() != there.mode()
        || here.mtime() != there.mtime() || ownerDiffers(here, there, settings);
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
