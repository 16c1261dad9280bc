package io.pryv.migration.transfer.side;

import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.ssh.SshConnection;
import io.pryv.migration.ssh.SshTarget;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.ListingDigest;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A folder on an SSH host, driven by the {@link SideScript}s (no Java needed there): listing
 * ({@link RemoteListing}), hashing ({@link RemoteHashing}), removing, and starting a batch's tar
 * either way.
 */
public final class RemoteSide implements Side {
  private final SshTarget target;
  private final RemoteShell shell;
  private final String root;
  private final RemoteListing listing;
  private final RemoteHashing hashing;

  /** A side whose connection is still being opened (it overlaps with the local listing). */
  public RemoteSide(SshTarget target, CompletableFuture<SshConnection> connecting, String root) {
    this.target = target;
    this.shell = new RemoteShell(target, connecting);
    this.root = root;
    this.listing = new RemoteListing(shell, root, describe());
    this.hashing = new RemoteHashing(shell, root, describe());
  }

  /** The connection, once open; its failure (auth, host key...) is thrown here as it was raised. */
  public SshConnection connection() {
    return shell.connection();
  }

  public String root() {
    return root;
  }

  @Override
  public void awaitReady() {
    connection();
  }

  @Override
  public String describe() {
    String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
    return target.user() + "@" + host + ":" + root;
  }

  @Override
  public EntryReader listSorted(boolean followLinks) throws IOException {
    return listing.listSorted(followLinks);
  }

  @Override
  public EntryReader prepareDestination(boolean dryRun) throws IOException {
    return prepareDestination(dryRun, null, null).orElseThrow();
  }

  /**
   * As {@link #prepareDestination(boolean)}, with the shortcut of a push that has nothing to do:
   * once its script runs, the far side is handed the digest of the source's listing (waited for
   * then; no shortcut when it is empty or failed) and answers {@code same} instead of listing when
   * its own listing has that digest. {@code same} learns the answer as soon as it is known (false
   * when anything fails); the result is empty when the listings are the same.
   */
  public Optional<EntryReader> prepareDestination(
      boolean dryRun,
      CompletableFuture<Optional<ListingDigest>> sourceDigest,
      CompletableFuture<Boolean> same)
      throws IOException {
    return listing.prepareDestination(dryRun, sourceDigest, same);
  }

  /**
   * The SHA-256 of files whose names only sha256sum prints unambiguously (newline, CR, backslash),
   * by relative path: a pull's few such names, which {@link #hashesInOrder} leaves out.
   */
  public Map<String, String> escapedHashes(List<Entry> files) throws IOException {
    return hashing.escapedHashes(files);
  }

  @Override
  public FileChecksums checksums(boolean followLinks, Checksum checksum) throws IOException {
    return hashing.checksums(followLinks, checksum);
  }

  /**
   * The SHA-256 of the given files (in {@code PathOrder}, none whose name needs sha256sum's
   * escapes), all taken before this returns, by two processes at once ({@link TwoWayHashes}: both
   * cores, about half of the bytes each), and then read in order: nothing is held but the line at
   * hand. Each process's list is written on a thread of its own and its answer drained to disk as
   * it comes. Taken first and not while a pull's tar streams: JSch delivers every channel's data on
   * one thread, which stops while a channel's pipe is full, so waiting for a hash line with the
   * tar's pipe full would wait for ever. A file that went away or cannot be read fails here, before
   * the tar.
   */
  public FileChecksums hashesInOrder(Iterable<Entry> files) throws IOException {
    return hashing.hashesInOrder(files);
  }

  @Override
  public void delete(Iterable<String> paths) throws IOException {
    if (!paths.iterator().hasNext()) {
      return;
    }
    for (String path : paths) {
      RelativePaths.requireSafe(path, "the deletion list");
    }
    try (RemoteProcess process = shell.start(SideScript.DELETE, root)) {
      CompletableFuture<String> errors = RemoteShell.readText(process.stderr());
      CompletableFuture<String> out = RemoteShell.readText(process.stdout());
      RemoteShell.writeNulList(process.stdin(), paths);
      out.join();
      shell.check(process, errors.join(), "deleting in " + describe());
    }
  }

  /** Starts the receiving end of one push batch; the caller writes the tar stream to its stdin. */
  public RemoteProcess startReceive(String stagingName, long rootMtime) {
    return shell.start(SideScript.RECEIVE_BATCH, root, stagingName, Long.toString(rootMtime));
  }

  /** Starts a tar of exactly {@code paths} (written to its stdin by the caller) on the far side. */
  public RemoteProcess startSendTar(boolean followLinks) {
    return shell.start(SideScript.SEND_TAR, root, SideScript.follow(followLinks));
  }

  /** Waits for the exit status; a non-zero one becomes a one-line error with the remote message. */
  public void check(RemoteProcess process, String stderr, String what) throws IOException {
    shell.check(process, stderr, what);
  }
}
