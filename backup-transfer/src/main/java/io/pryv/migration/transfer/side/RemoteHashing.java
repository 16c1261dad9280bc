package io.pryv.migration.transfer.side;

import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.transfer.tree.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

/**
 * Hashes files of a folder on an SSH host: all of them ({@code --checksum}, {@code check}) or a
 * pull's list.
 */
final class RemoteHashing {
  private final RemoteShell shell;
  private final String root;
  private final String describe;

  RemoteHashing(RemoteShell shell, String root, String describe) {
    this.shell = shell;
    this.root = root;
    this.describe = describe;
  }

  /** See {@link RemoteSide#escapedHashes}. */
  Map<String, String> escapedHashes(List<Entry> files) throws IOException {
    try (RemoteProcess process = shell.start(SideScript.HASH_ESCAPED, root)) {
      CompletableFuture<String> errors = RemoteShell.readText(process.stderr());
      CompletableFuture<Map<String, String>> sums =
          Background.supply(
              "bt-async",
              () -> {
                try {
                  return HashLines.parseRelative(process.stdout());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      RemoteShell.writeNulList(
          process.stdin(), files.stream().map(file -> "./" + file.path()).toList());
      Map<String, String> result = sums.join();
      shell.check(process, errors.join(), "hashing files in " + describe);
      return result;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  FileChecksums checksums(boolean followLinks, Checksum checksum) throws IOException {
    RemoteProcess process =
        shell.start(
            SideScript.HASH_EVERYTHING,
            root,
            SideScript.follow(followLinks),
            checksum.optionValue());
    RemoteShell.Drained drained = shell.drain(process, "hashing files in " + describe);
    try {
      process.stdin().close();
      return new SortedHashes(drained.out(), describe, drained.completion());
    } catch (RuntimeException | IOException e) {
      drained.completion().complete(true); // the script's own error comes first
      throw e;
    }
  }

  /** See {@link RemoteSide#hashesInOrder}. */
  FileChecksums hashesInOrder(Iterable<Entry> files) throws IOException {
    RemoteProcess[] processes = new RemoteProcess[2];
    RemoteShell.Drained[] drained = new RemoteShell.Drained[2];
    boolean handedOn = false;
    try {
      for (int half = 0; half < 2; half++) {
        int mine = half;
        RemoteProcess process = shell.start(SideScript.HASH_LISTED, root);
        processes[half] = process;
        drained[half] = shell.drain(process, "hashing files in " + describe);
        Background.run(
            "bt-request",
            () -> {
              TwoWayHashes.Split split = new TwoWayHashes.Split();
              try {
                RemoteShell.writeNulList(
                    process.stdin(),
                    () ->
                        StreamSupport.stream(files.spliterator(), false)
                            .filter(file -> split.next(file) == mine)
                            .map(file -> "./" + file.path())
                            .iterator());
              } catch (IOException e) {
                // the script stopped reading: its exit status and message are checked below
              }
            });
      }
      for (int half = 0; half < 2; half++) {
        if (RemoteShell.waitFor(processes[half]) != 0) {
          drained[half].completion().complete(true); // throws the far side's error
        }
      }
      FileChecksums first = new SortedHashes(drained[0].out(), describe, drained[0].completion());
      FileChecksums second;
      try {
        second = new SortedHashes(drained[1].out(), describe, drained[1].completion());
      } catch (IOException | RuntimeException e) {
        first.close();
        throw e;
      }
      handedOn = true;
      return new TwoWayHashes(files, first, second);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing files in " + describe, e);
    } finally {
      if (!handedOn) {
        stopAll(processes, drained);
      }
    }
  }

  /** Stops what a failed {@link #hashesInOrder} started; the first failure is the one reported. */
  private static void stopAll(RemoteProcess[] processes, RemoteShell.Drained[] drained) {
    for (int half = 0; half < processes.length; half++) {
      try {
        if (drained[half] != null) {
          drained[half].completion().complete(false);
        } else if (processes[half] != null) {
          processes[half].close();
        }
      } catch (IOException | RuntimeException ignored) {
        // already failing
      }
    }
  }
}
