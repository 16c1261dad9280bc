package io.pryv.migration.transfer.side;

import io.pryv.migration.common.ExitCleanup;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.SpillFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs the side scripts ({@link SideScript}) on this machine, as the far side runs them: GNU find
 * lists 20,000 files in a few tens of milliseconds and openssl hashes at full SHA-NI speed from the
 * first byte, where a cold JVM needs several hundred milliseconds to warm up its tree walk and its
 * SHA-256. Every method reports "not done" (empty) rather than fail, and the caller then does the
 * work in Java.
 */
final class LocalShell {

  private LocalShell() {}

  /**
   * The sorted listing of {@code root} by find and sort ({@code list-source.sh}), spilled to a
   * temporary file while they run; empty when find is missing, not GNU, or met a link loop (the
   * caller then walks the tree in Java).
   */
  static Optional<LocalListing> listed(Path root, boolean followLinks) {
    return spilled(
            SideScript.LIST_SOURCE.command(
                root.toString(), "plain", SideScript.follow(followLinks)))
        .map(spill -> new LocalListing(spill, followLinks, root.toString()));
  }

  /** As {@link #listed}, read as entries. */
  static Optional<EntryReader> sortedListing(Path root, boolean followLinks) {
    return listed(root, followLinks)
        .flatMap(
            listing -> {
              try {
                return Optional.of(listing.reader());
              } catch (IOException | RuntimeException e) {
                listing.close();
                return Optional.empty();
              }
            });
  }

  /**
   * The checksums of every file of {@code root} in {@link
   * io.pryv.migration.transfer.tree.PathOrder} (see {@code hash-everything.sh}), spilled as {@link
   * #sortedListing}; empty when the script fails.
   */
  static Optional<SortedHashes> sortedChecksums(Path root, boolean followLinks, Checksum checksum) {
    return spilled(
            SideScript.HASH_EVERYTHING.command(
                root.toString(), SideScript.follow(followLinks), checksum.optionValue()))
        .flatMap(
            spill -> {
              try {
                return Optional.of(
                    new SortedHashes(spill.input(), root.toString(), reachedEnd -> spill.close()));
              } catch (IOException | RuntimeException e) {
                spill.close();
                return Optional.empty();
              }
            });
  }

  /**
   * {@code sh -c SCRIPT ARG...} with no input, its output in a spill file; empty when it could not
   * run or failed.
   */
  private static Optional<SpillFile> spilled(List<String> command) {
    SpillFile spill = null;
    try {
      spill = new SpillFile();
      Process process = start(command);
      process.getOutputStream().close();
      try (InputStream out = process.getInputStream()) {
        out.transferTo(spill.output());
      }
      if (process.waitFor() == 0) {
        return Optional.of(spill);
      }
    } catch (IOException | RuntimeException e) {
      // not done: the caller falls back
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (spill != null) {
      spill.close();
    }
    return Optional.empty();
  }

  private static Process start(List<String> command) throws IOException {
    return ExitCleanup.start(
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD));
  }
}
