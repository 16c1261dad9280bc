package io.pryv.migration.transfer.side;

import io.pryv.migration.transfer.tree.EntryReader;
import java.io.IOException;

/** One end of a transfer or a check: a local folder, or a folder on an SSH host. */
public interface Side {

  /** How the user wrote it: {@code /srv/x} or {@code user@host:/srv/x}. */
  String describe();

  /**
   * Returns once this side can be worked on: at once for a local folder, when the SSH connection is
   * open for a remote one (its failure is thrown here). A local listing waits for this before it
   * starts: run at the same time on a small machine, it slowed the connection, which is the longer
   * path of the two.
   */
  default void awaitReady() {}

  /**
   * Lists a folder that must exist (a transfer's source, a side of a check, a manifest), sorted
   * ({@link EntryReader}).
   */
  EntryReader listSorted(boolean followLinks) throws IOException;

  /**
   * Lists a destination folder, sorted, after refusing a path that is a file or not writable, and
   * after removing what an interrupted run left ({@code .bt-partial.*}); a folder that does not
   * exist yet lists as empty. A remote side creates it here unless {@code dryRun}; a local one only
   * in {@link #createDestination}.
   */
  EntryReader prepareDestination(boolean dryRun) throws IOException;

  /**
   * Creates the destination folder if it does not exist yet: called once the source has been
   * listed, so that a run that fails before (a missing source, local or remote) leaves nothing
   * behind.
   */
  default void createDestination() throws IOException {}

  /**
   * The checksum of every file of the folder (none if it does not exist yet), to be asked for in
   * {@code PathOrder}; the work starts at once and runs while the caller does other things.
   */
  FileChecksums checksums(boolean followLinks, Checksum checksum) throws IOException;

  /** Removes the given relative paths (recursively), which are inside the folder. */
  void delete(Iterable<String> paths) throws IOException;
}
