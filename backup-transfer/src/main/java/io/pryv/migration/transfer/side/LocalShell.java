package io.pryv.migration.transfer.side;

import io.pryv.migration.common.ExitCleanup;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.SpillFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the side scripts ({@link SideScript}) on this machine, as the far side runs them: this side
 * lists and hashes with the same scripts, so that both sides agree byte for byte (GNU find lists
 * 20,000 files in a few tens of milliseconds, and openssl hashes at full SHA-NI speed from the
 * first byte). A script that fails is reported as the far side's would be ({@link ScriptFailure}).
 */
final class LocalShell {

  private LocalShell() {}

  /**
   * The sorted listing of {@code root} by find and sort ({@code list-source.sh}), spilled to a
   * temporary file while they run.
   */
  static LocalListing listed(Path root, boolean followLinks) throws IOException {
    SpillFile spill =
        spilled(
            SideScript.LIST_SOURCE.command(
                root.toString(), "plain", SideScript.follow(followLinks)),
            "listing " + root);
    return new LocalListing(spill, followLinks, root.toString());
  }

  /** As {@link #listed}, read as entries. */
  static EntryReader sortedListing(Path root, boolean followLinks) throws IOException {
    LocalListing listing = listed(root, followLinks);
    try {
      return listing.reader();
    } catch (IOException | RuntimeException e) {
      listing.close();
      throw e;
    }
  }

  /**
   * The checksums of every file of {@code root} in {@link
   * io.pryv.migration.transfer.tree.PathOrder} (see {@code hash-everything.sh}; none when the
   * folder does not exist yet), spilled as {@link #sortedListing}.
   */
  static SortedHashes sortedChecksums(Path root, boolean followLinks, Checksum checksum)
      throws IOException {
    SpillFile spill =
        spilled(
            SideScript.HASH_EVERYTHING.command(
                root.toString(), SideScript.follow(followLinks), checksum.optionValue()),
            "hashing " + root);
    try {
      return new SortedHashes(spill.input(), root.toString(), reachedEnd -> spill.close());
    } catch (IOException | RuntimeException e) {
      spill.close();
      throw e;
    }
  }

  /**
   * {@code sh -c SCRIPT ARG...} with no input, its output in a spill file; a failure to start it,
   * or a non-zero exit status, is thrown ({@code what} names the work in the error).
   */
  private static SpillFile spilled(List<String> command, String what) throws IOException {
    SpillFile spill = new SpillFile();
    try {
      Process process = ExitCleanup.start(new ProcessBuilder(command));
      process.getOutputStream().close();
      CompletableFuture<String> errors = RemoteShell.readText(process.getErrorStream());
      try (InputStream out = process.getInputStream()) {
        out.transferTo(spill.output());
      }
      int status = process.waitFor();
      if (status != 0) {
        throw ScriptFailure.of(status, errors.join(), what, "this machine");
      }
      return spill;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      spill.close();
      throw new InterruptedIOException("interrupted while " + what);
    } catch (IOException | RuntimeException e) {
      spill.close();
      throw e;
    }
  }
}
