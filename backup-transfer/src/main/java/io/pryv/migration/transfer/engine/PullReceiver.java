package io.pryv.migration.transfer.engine;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.CryptoWarmUp;
import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.transfer.side.FileChecksums;
import io.pryv.migration.transfer.side.HashLines;
import io.pryv.migration.transfer.side.RemoteShell;
import io.pryv.migration.transfer.side.RemoteSide;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Receives a pull: the far side hashes the files to fetch (openssl or sha256sum, reading them),
 * then sends exactly the requested paths as one tar stream; each member must be the next requested
 * path (anything else is refused) and is verified against the far side's hash before it takes its
 * final name. The list of paths is read from the plan's spool each time it is needed and the hashes
 * are read in order: nothing grows with the number of files but the few names only sha256sum prints
 * unambiguously (hashed first, into a map).
 */
final class PullReceiver {
  private PullReceiver() {}

  /** The far side's SHA-256 of a file to fetch. */
  @FunctionalInterface
  interface Hashes {
    String of(String path) throws IOException;
  }

  static int receive(
      RemoteSide source, Iterable<Entry> send, LocalReceiver receiver, boolean followLinks)
      throws IOException {
    long bytes = 0;
    boolean any = false;
    List<Entry> escaped = new ArrayList<>();
    for (Entry entry : send) {
      any = true;
      if (entry.isFile()) {
        bytes += entry.size();
        if (HashLines.needsEscape(entry.path())) {
          escaped.add(entry);
        }
      }
    }
    if (!any) {
      return 0;
    }
    if (source.connection().encryptsInThisProcess()) {
      CryptoWarmUp.beforeBulk(bytes, false);
    }
    Map<String, String> escapedHashes =
        escaped.isEmpty() ? Map.of() : source.escapedHashes(escaped);
    Iterable<Entry> plain =
        () ->
            StreamSupport.stream(send.spliterator(), false)
                .filter(entry -> entry.isFile() && !HashLines.needsEscape(entry.path()))
                .iterator();
    try (FileChecksums hashes = source.hashesInOrder(plain)) {
      int verified =
          receive(
              source,
              send,
              path ->
                  HashLines.needsEscape(path) ? escapedHashes.get(path) : hashes.checksumOf(path),
              receiver,
              followLinks);
      hashes.finish();
      return verified;
    }
  }

  /**
   * Receives {@code send} checking each file against {@code hashes}, taken by the far side before
   * the tar starts (a file rewritten in between at the same size arrives with another hash, and is
   * refused). {@code send} holds at least one entry.
   */
  static int receive(
      RemoteSide source,
      Iterable<Entry> send,
      Hashes hashes,
      LocalReceiver receiver,
      boolean followLinks)
      throws IOException {
    int verified = 0;
    try (RemoteProcess process = source.startSendTar(followLinks)) {
      CompletableFuture<String> errors = RemoteShell.readText(process.stderr());
      CompletableFuture<Void> request =
          io.pryv.migration.transfer.side.Background.run(
              "bt-request",
              () -> {
                try {
                  RemoteShell.writeNulList(
                      process.stdin(),
                      () ->
                          StreamSupport.stream(send.spliterator(), false)
                              .map(Entry::path)
                              .iterator());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      TarArchiveInputStream tar = new TarArchiveInputStream(process.stdout(), "UTF-8");
      for (Entry expected : send) {
        TarArchiveEntry member = tar.getNextEntry();
        if (member == null) {
          throw ToolException.environment(
              "the tar stream from "
                  + source.describe()
                  + " ended early, before "
                  + RelativePaths.printable(expected.path())
                  + ": "
                  + errors.getNow(""));
        }
        String name = member.getName();
        RelativePaths.requireSafe(name, source.describe());
        if (!name.equals(expected.path())) {
          throw ToolException.badInput(
              "the far side sent "
                  + RelativePaths.printable(name)
                  + " instead of "
                  + RelativePaths.printable(expected.path())
                  + "; refusing it");
        }
        if (expected.isFile()) {
          if (!member.isFile() || member.getSize() != expected.size()) {
            throw ToolException.environment(
                RelativePaths.printable(name)
                    + " changed on "
                    + source.describe()
                    + " during the transfer; run again");
          }
          String hash = hashes.of(expected.path());
          if (hash == null) {
            throw ToolException.environment(
                "no SHA-256 from the far side for " + RelativePaths.printable(name));
          }
          receiver.receiveFile(expected, tar, () -> hash, false);
          verified++;
        } else if (expected.isSymlink()) {
          if (!member.isSymbolicLink()) {
            throw ToolException.environment(
                RelativePaths.printable(name) + " is no longer a link on " + source.describe());
          }
          receiver.receiveLink(
              new Entry(
                  expected.path(),
                  Entry.Type.SYMLINK,
                  0,
                  expected.mtime(),
                  expected.mode(),
                  expected.uid(),
                  expected.gid(),
                  member.getLinkName()));
        }
      }
      request.join();
      process.stdout().transferTo(java.io.OutputStream.nullOutputStream());
      source.check(process, errors.join(), "sending from " + source.describe());
    }
    return verified;
  }
}
