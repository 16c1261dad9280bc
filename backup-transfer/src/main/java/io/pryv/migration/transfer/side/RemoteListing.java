package io.pryv.migration.transfer.side;

import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.ListingDigest;
import io.pryv.migration.transfer.tree.SortedListing;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Lists a folder on an SSH host, as a source or as a destination (with a push's "nothing to do"
 * shortcut).
 */
final class RemoteListing {
  /**
   * What the destination script prints instead of a listing when its listing has the digest it was
   * handed.
   */
  private static final byte[] SAME = "same\0".getBytes(StandardCharsets.US_ASCII);

  private final RemoteShell shell;
  private final String root;
  private final String describe;

  RemoteListing(RemoteShell shell, String root, String describe) {
    this.shell = shell;
    this.root = root;
    this.describe = describe;
  }

  EntryReader listSorted(boolean followLinks) throws IOException {
    return sorted(
            SideScript.LIST_SOURCE,
            followLinks,
            null,
            null,
            root,
            "gzip",
            SideScript.follow(followLinks))
        .orElseThrow();
  }

  /** See {@link RemoteSide#prepareDestination(boolean, CompletableFuture, CompletableFuture)}. */
  Optional<EntryReader> prepareDestination(
      boolean dryRun,
      CompletableFuture<Optional<ListingDigest>> sourceDigest,
      CompletableFuture<Boolean> same)
      throws IOException {
    try {
      return sorted(
          SideScript.PREPARE_DESTINATION,
          false,
          sourceDigest,
          same,
          root,
          dryRun ? "yes" : "no",
          "gzip");
    } finally {
      if (same != null) {
        same.complete(false); // no effect once answered
      }
    }
  }

  /**
   * Starts a sorted listing and reads its header; the rest is read by the caller, and closing the
   * reader checks the script's exit status (when read through) or stops it. Empty when the far side
   * answered {@code same}.
   */
  private Optional<EntryReader> sorted(
      SideScript script,
      boolean followLinks,
      CompletableFuture<Optional<ListingDigest>> sourceDigest,
      CompletableFuture<Boolean> same,
      String... args)
      throws IOException {
    RemoteProcess process = shell.start(script, args);
    RemoteShell.Drained drained = shell.drain(process, "listing " + describe);
    try {
      writeExpectedDigest(process.stdin(), sourceDigest);
      BufferedInputStream out = new BufferedInputStream(drained.out(), 64 * 1024);
      boolean isSame = startsWithSame(out);
      if (same != null) {
        same.complete(isSame);
      }
      if (isSame) {
        drained.completion().complete(true);
        return Optional.empty();
      }
      return Optional.of(SortedListing.read(out, followLinks, describe, drained.completion()));
    } catch (RuntimeException | IOException e) {
      drained.completion().complete(true); // the script's own error comes first
      throw e;
    }
  }

  /** One line with the digest, or nothing, then end of input. */
  private static void writeExpectedDigest(
      OutputStream stdin, CompletableFuture<Optional<ListingDigest>> sourceDigest)
      throws IOException {
    try (stdin) {
      if (sourceDigest == null) {
        return;
      }
      Optional<ListingDigest> digest;
      try {
        digest = Background.await(sourceDigest);
      } catch (IOException | RuntimeException e) {
        digest = Optional.empty(); // no shortcut: the source's own listing will say what is wrong
      }
      if (digest.isPresent()) {
        try {
          stdin.write((digest.get().sha256() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // The script ended without reading it (a dry run of a folder yet to be made): its output
          // tells.
        }
      }
    }
  }

  private static boolean startsWithSame(BufferedInputStream out) throws IOException {
    out.mark(SAME.length);
    byte[] start = out.readNBytes(SAME.length);
    if (Arrays.equals(start, SAME)) {
      return true;
    }
    out.reset();
    return false;
  }
}
