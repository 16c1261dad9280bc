package io.pryv.migration.transfer.plan;

import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.PathOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares source and destination in one pass over their listings, both in {@link PathOrder}: a
 * file is sent when it is missing or differs in size, mtime (quick check) or content (with
 * --checksum: the checksums replace the mtime), or in mode or owner (owner only when the
 * destination side writes as root). A link is sent when its target differs. What it holds at any
 * time: one entry of each side and the chain of open folders; the plan goes to temporary files
 * ({@link Plan}).
 */
public final class Planner {

  /** The checksums of the two sides, asked for in {@link PathOrder} (see {@code SortedHashes}). */
  public interface Checksums {
    String source(String path) throws IOException;

    String dest(String path) throws IOException;
  }

  /**
   * @param checksums null unless --checksum
   */
  public record Settings(boolean delete, boolean keepOwner, Checksums checksums) {}

  /** A folder whose subtree is being compared. */
  private static final class Frame {
    final Entry here;
    final Entry there;
    boolean touched;
    boolean inSend;
    boolean inDirs;

    Frame(Entry here, Entry there) {
      this.here = here;
      this.there = there;
    }
  }

  private final Settings settings;
  private final List<Frame> open = new ArrayList<>();
  private final Spool delete;
  private final Spool send;
  private final Spool dirs;
  private Entry sourceRoot;
  private long sourceFiles;
  private long sourceBytes;
  private long sendFiles;
  private long sendBytes;
  private long sendLinks;
  private long unchanged;

  private Planner(Settings settings) throws IOException {
    this.settings = settings;
    this.delete = new Spool(true);
    this.send = new Spool(false);
    this.dirs = new Spool(false);
  }

  /** Plans from two listings read to their end (each checks on close that it was complete). */
  public static Plan plan(EntryReader source, EntryReader dest, Settings settings)
      throws IOException {
    return new Planner(settings).run(source, dest);
  }

  private Plan run(EntryReader source, EntryReader dest) throws IOException {
    Entry here = source.next();
    Entry there = dest.next();
    while (here != null) {
      int order = there == null ? -1 : PathOrder.compare(here.path(), there.path());
      if (order > 0) {
        there = onlyThere(there, dest);
        continue;
      }
      closeFoldersNotHolding(here.path());
      Entry counterpart = null;
      if (order == 0) {
        if (there.type() != here.type() && !here.path().isEmpty()) {
          there =
              remove(
                  there,
                  dest); // a file where a folder goes, or the other way round: removed, sent again
        } else {
          counterpart = there;
          there = dest.next();
        }
      }
      compare(here, counterpart);
      here = source.next();
    }
    while (there != null) {
      there = onlyThere(there, dest);
    }
    closeFoldersNotHolding(null);
    return new Plan(
        delete,
        send,
        dirs,
        sourceRoot,
        new Plan.Counts(sourceFiles, sourceBytes, sendFiles, sendBytes, sendLinks, unchanged));
  }

  /**
   * A destination entry with no source counterpart: removed with --delete (with its subtree), else
   * left.
   */
  private Entry onlyThere(Entry there, EntryReader dest) throws IOException {
    if (!settings.delete() || there.path().isEmpty()) {
      return dest.next();
    }
    closeFoldersNotHolding(there.path());
    return remove(there, dest);
  }

  /**
   * Plans the removal of {@code there} and skips what lies under it; returns the next entry after
   * those.
   */
  private Entry remove(Entry there, EntryReader dest) throws IOException {
    delete.path(there.path());
    touchParent();
    Entry next = dest.next();
    while (next != null && PathOrder.isUnder(next.path(), there.path())) {
      next = dest.next();
    }
    return next;
  }

  private void compare(Entry here, Entry there) throws IOException {
    if (here.path().isEmpty()) {
      sourceRoot = here;
    }
    if (here.isFile()) {
      sourceFiles++;
      sourceBytes += here.size();
    }
    if (here.isDir()) {
      open.add(new Frame(here, there));
      return;
    }
    if (!differs(here, there)) {
      if (here.isFile()) {
        unchanged++;
      }
      return;
    }
    for (Frame frame : open) {
      if (!frame.inSend) {
        send.context(frame.here);
        frame.inSend = true;
      }
    }
    send.item(here);
    touchParent();
    if (here.isFile()) {
      sendFiles++;
      sendBytes += here.size();
    } else {
      sendLinks++;
    }
  }

  /** The folder that holds what was just planned (the innermost open one) has changed content. */
  private void touchParent() {
    if (!open.isEmpty()) {
      open.get(open.size() - 1).touched = true;
    }
  }

  /**
   * Ends the folders whose subtree is done before {@code path} (all of them for null), deepest
   * first.
   */
  private void closeFoldersNotHolding(String path) throws IOException {
    while (!open.isEmpty()) {
      Frame last = open.get(open.size() - 1);
      if (path != null && PathOrder.isUnder(path, last.here.path())) {
        return;
      }
      open.remove(open.size() - 1);
      if (dirDiffers(last)) {
        for (Frame frame : open) {
          if (!frame.inDirs) {
            dirs.context(frame.here);
            frame.inDirs = true;
          }
        }
        dirs.item(last.here);
      }
    }
  }

  private boolean differs(Entry here, Entry there) throws IOException {
    if (there == null || there.type() != here.type()) {
      return true;
    }
    if (here.isSymlink()) {
      return !here.linkTarget().equals(there.linkTarget());
    }
    if (here.size() != there.size() || here.mode() != there.mode() || ownerDiffers(here, there)) {
      return true;
    }
    if (settings.checksums() != null) {
      String a = settings.checksums().source(here.path());
      String b = settings.checksums().dest(here.path());
      return a == null || !a.equals(b) || here.mtime() != there.mtime();
    }
    return here.mtime() != there.mtime();
  }

  /**
   * A folder is set again when it is new, had something sent or removed in it, or its own metadata
   * differs.
   */
  private boolean dirDiffers(Frame frame) {
    Entry here = frame.here;
    Entry there = frame.there;
    return there == null
        || frame.touched
        || here.mode() != there.mode()
        || here.mtime() != there.mtime()
        || ownerDiffers(here, there);
  }

  private boolean ownerDiffers(Entry here, Entry there) {
    return settings.keepOwner() && (here.uid() != there.uid() || here.gid() != there.gid());
  }
}
