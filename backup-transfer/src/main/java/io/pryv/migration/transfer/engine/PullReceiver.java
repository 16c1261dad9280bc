package io.pryv.migration.transfer.engine;

import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.CryptoWarmUp;
import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.transfer.side.Checksum;
import io.pryv.migration.transfer.side.RemoteSide;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Receives a pull: the far side hashes the files (sha256sum, reading them), then sends exactly the requested
 * paths as one tar stream; each member must be the next requested path (anything else is refused) and is
 * verified against the far side's hash before it takes its final name.
 */
final class PullReceiver {
  private PullReceiver() {}

  static int receive(RemoteSide source, List<Entry> send, LocalReceiver receiver, boolean followLinks)
      throws IOException {
    List<Entry> files = send.stream().filter(Entry::isFile).toList();
    CryptoWarmUp.beforeBulk(files.stream().mapToLong(Entry::size).sum(), false);
    Map<String, String> hashes = files.isEmpty() ? Map.of() : source.hashes(files, followLinks, Checksum.SHA256);
    return receive(source, send, hashes, receiver, followLinks);
  }

  /**
   * Receives {@code send} checking each file against {@code hashes}, taken by the far side before the tar
   * starts (a file rewritten in between at the same size arrives with another hash, and is refused).
   */
  static int receive(RemoteSide source, List<Entry> send, Map<String, String> hashes, LocalReceiver receiver,
      boolean followLinks) throws IOException {
    if (send.isEmpty()) {
      return 0;
    }
    int verified = 0;
    try (RemoteProcess process = source.startSendTar(followLinks)) {
      CompletableFuture<String> errors = RemoteSide.readText(process.stderr());
      CompletableFuture<Void> request = io.pryv.migration.transfer.side.Background.run("bt-request", () -> {
        try {
          RemoteSide.writeNulList(process.stdin(), send.stream().map(Entry::path).toList());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      TarArchiveInputStream tar = new TarArchiveInputStream(process.stdout(), "UTF-8");
      for (Entry expected : send) {
        TarArchiveEntry member = tar.getNextEntry();
        if (member == null) {
          throw ToolException.environment("the tar stream from " + source.describe() + " ended early, before "
              + RelativePaths.printable(expected.path()) + ": " + errors.getNow(""));
        }
        String name = member.getName();
        RelativePaths.requireSafe(name, source.describe());
        if (!name.equals(expected.path())) {
          throw ToolException.badInput("the far side sent " + RelativePaths.printable(name) + " instead of "
              + RelativePaths.printable(expected.path()) + "; refusing it");
        }
        if (expected.isFile()) {
          if (!member.isFile() || member.getSize() != expected.size()) {
            throw ToolException.environment(RelativePaths.printable(name) + " changed on " + source.describe()
                + " during the transfer; run again");
          }
          String hash = hashes.get(expected.path());
          if (hash == null) {
            throw ToolException.environment("no SHA-256 from the far side for " + RelativePaths.printable(name));
          }
          receiver.receiveFile(expected, tar, () -> hash, false);
          verified++;
        } else if (expected.isSymlink()) {
          if (!member.isSymbolicLink()) {
            throw ToolException.environment(RelativePaths.printable(name) + " is no longer a link on "
                + source.describe());
          }
          receiver.receiveLink(new Entry(expected.path(), Entry.Type.SYMLINK, 0, expected.mtime(),
              expected.mode(), expected.uid(), expected.gid(), member.getLinkName()));
        }
      }
      request.join();
      process.stdout().transferTo(java.io.OutputStream.nullOutputStream());
      source.check(process, errors.join(), "sending from " + source.describe());
    }
    return verified;
  }
}
