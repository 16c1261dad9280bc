package io.pryv.migration.transfer.engine;

import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.transfer.side.HashLines;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes one push batch as a tar stream: folders, then files (each hashed with SHA-256 while it is
 * read) and links, then the check members ({@code .bt-partial.*}): every file's hash for {@code
 * sha256sum -c} and for {@code openssl dgst -sha256 -r} (4x faster where installed), which the far
 * side verifies before the commit. Memory stays flat: one buffer, whatever the file sizes.
 */
final class TarBatchWriter {
  static final String SUMS = RelativePaths.PARTIAL_PREFIX + "sums";
  private static final int BUFFER = 256 * 1024;

  private final Path sourceRoot;
  private final ProgressDisplay progress;
  private final byte[] buffer = new byte[BUFFER];

  TarBatchWriter(Path sourceRoot, ProgressDisplay progress) {
    this.sourceRoot = sourceRoot;
    this.progress = progress;
  }

  /**
   * Writes the batch and finishes the archive (the caller closes {@code out}). Returns the file
   * count.
   */
  int write(OutputStream out, List<Entry> dirs, List<Entry> items) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    StringBuilder sums = new StringBuilder();
    StringBuilder odd = new StringBuilder();
    StringBuilder names = new StringBuilder();
    StringBuilder expect = new StringBuilder();
    for (Entry dir : dirs) {
      TarArchiveEntry entry = new TarArchiveEntry(dir.path().isEmpty() ? "./" : dir.path() + "/");
      describe(entry, dir, 0040000);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    }
    int files = 0;
    for (Entry item : items) {
      if (item.isSymlink()) {
        TarArchiveEntry entry = new TarArchiveEntry(item.path(), TarConstants.LF_SYMLINK);
        describe(entry, item, 0120000);
        entry.setLinkName(item.linkTarget());
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        continue;
      }
      TarArchiveEntry entry = new TarArchiveEntry(item.path());
      describe(entry, item, 0100000);
      entry.setSize(item.size());
      tar.putArchiveEntry(entry);
      String hash = copy(item, tar);
      tar.closeArchiveEntry();
      if (HashLines.needsEscape(item.path())) {
        odd.append(HashLines.line(hash, item.path()));
      } else {
        sums.append(HashLines.line(hash, item.path()));
        names.append("./").append(item.path()).append('\0');
        expect.append(HashLines.opensslLine(hash, "./" + item.path()));
      }
      files++;
      progress.itemDone();
    }
    member(tar, SUMS, sums);
    member(tar, RelativePaths.PARTIAL_PREFIX + "odd", odd);
    member(tar, RelativePaths.PARTIAL_PREFIX + "names", names);
    member(tar, RelativePaths.PARTIAL_PREFIX + "expect", expect);
    tar.finish();
    tar.flush();
    return files;
  }

  /** One of the check files the far side reads before committing (removed before the commit). */
  private static void member(TarArchiveOutputStream tar, String name, CharSequence text)
      throws IOException {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    entry.setMode(0100600);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static void describe(TarArchiveEntry entry, Entry item, int type) {
    entry.setMode(type | (item.mode() & 07777));
    entry.setModTime(item.mtime() * 1000);
    entry.setUserId(item.uid());
    entry.setGroupId(item.gid());
    entry.setUserName("");
    entry.setGroupName("");
  }

  /**
   * Streams exactly the listed size, hashing it; a file that changed size meanwhile is an error.
   */
  private String copy(Entry item, OutputStream tar) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    long remaining = item.size();
    try (InputStream in = Files.newInputStream(sourceRoot.resolve(item.path()))) {
      while (remaining > 0) {
        int count = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (count < 0) {
          throw changed(item);
        }
        digest.update(buffer, 0, count);
        tar.write(buffer, 0, count);
        remaining -= count;
        progress.addBytes(count);
      }
      if (in.read() >= 0) {
        throw changed(item);
      }
    }
    return Sha256.hex(digest.digest());
  }

  private static ToolException changed(Entry item) {
    return ToolException.environment(
        "source file "
            + RelativePaths.printable(item.path())
            + " changed size while it was being sent; nothing was committed for it, run again");
  }
}
