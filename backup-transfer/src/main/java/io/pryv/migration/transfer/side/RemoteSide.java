package io.pryv.migration.transfer.side;

import io.pryv.migration.common.Futures;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.ssh.SshConnection;
import io.pryv.migration.ssh.SshTarget;
import io.pryv.migration.transfer.tree.DrainedStream;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.ListingDigest;
import io.pryv.migration.transfer.tree.RelativePaths;
import io.pryv.migration.transfer.tree.SortedListing;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A folder on an SSH host, driven by small sh scripts (no Java needed there). */
public final class RemoteSide implements Side {
  private static final Duration LONG = Duration.ofHours(24);
  /** What the destination script prints instead of a listing when its listing has the digest it was handed. */
  private static final byte[] SAME = "same\0".getBytes(StandardCharsets.US_ASCII);

  private final SshTarget target;
  private final CompletableFuture<SshConnection> connecting;
  private final String root;

  public RemoteSide(SshConnection ssh, String root) {
    this(ssh.target(), CompletableFuture.completedFuture(ssh), root);
  }

  /** A side whose connection is still being opened (it overlaps with the local listing). */
  public RemoteSide(SshTarget target, CompletableFuture<SshConnection> connecting, String root) {
    this.target = target;
    this.connecting = connecting;
    this.root = root;
  }

  /** The connection, once open; its failure (auth, host key...) is thrown here as it was raised. */
  public SshConnection connection() {
    return Futures.join(connecting);
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
    return sorted(RemoteScripts.listSortedSource(followLinks), followLinks, null, null, root, "gzip").orElseThrow();
  }

  @Override
  public EntryReader prepareDestination(boolean dryRun) throws IOException {
    return prepareDestination(dryRun, null, null).orElseThrow();
  }

  /**
   * As {@link #prepareDestination(boolean)}, with the shortcut of a push that has nothing to do: once its script
   * runs, the far side is handed the digest of the source's listing (waited for then; no shortcut when it is
   * empty or failed) and answers {@code same} instead of listing when its own listing has that digest.
   * {@code same} learns the answer as soon as it is known (false when anything fails); the result is empty when
   * the listings are the same.
   */
  public Optional<EntryReader> prepareDestination(boolean dryRun,
      CompletableFuture<Optional<ListingDigest>> sourceDigest, CompletableFuture<Boolean> same) throws IOException {
    try {
      return sorted(RemoteScripts.prepareDestination(), false, sourceDigest, same, root, dryRun ? "yes" : "no",
          "gzip");
    } finally {
      if (same != null) {
        same.complete(false); // no effect once answered
      }
    }
  }

  /**
   * Starts a sorted listing and reads its header; the rest is read by the caller, and closing the reader checks
   * the script's exit status (when read through) or stops it. Empty when the far side answered {@code same}.
   */
  private Optional<EntryReader> sorted(String script, boolean followLinks,
      CompletableFuture<Optional<ListingDigest>> sourceDigest, CompletableFuture<Boolean> same, String... args)
      throws IOException {
    RemoteProcess process = start(script, args);
    Drained drained = drain(process, "listing " + describe());
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
      return Optional.of(SortedListing.read(out, followLinks, describe(), drained.completion()));
    } catch (RuntimeException | IOException e) {
      drained.completion().complete(true); // the script's own error comes first
      throw e;
    }
  }

  /** A process's stdout drained to disk, and what ends reading it. */
  private record Drained(InputStream out, SortedListing.Completion completion) {}

  /**
   * Drains {@code process}'s stdout to disk ({@link DrainedStream}: a listing and a side's checksums are read side
   * by side over one session, and neither may hold up the other). The completion closes both, after checking the
   * exit status ({@code what} names the work in its error) when the stream was read to its end.
   */
  private Drained drain(RemoteProcess process, String what) throws IOException {
    CompletableFuture<String> errors = readText(process.stderr());
    InputStream out = DrainedStream.of(process.stdout(), "bt-drain");
    return new Drained(out, reachedEnd -> {
      try (process; out) {
        if (reachedEnd) {
          check(process, errors.join(), what);
        }
      }
    });
  }

  /** One line with the digest, or nothing, then end of input. */
  private static void writeExpectedDigest(OutputStream stdin,
      CompletableFuture<Optional<ListingDigest>> sourceDigest) throws IOException {
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
          // The script ended without reading it (a dry run of a folder yet to be made): its output tells.
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

  /**
   * The SHA-256 of files whose names only sha256sum prints unambiguously (newline, CR, backslash), by relative
   * path: a pull's few such names, which {@link #hashesInOrder} leaves out.
   */
  public Map<String, String> escapedHashes(List<Entry> files) throws IOException {
    try {
      return hashList(files.stream().map(Entry::path).toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Map<String, String> hashList(List<String> paths) {
    try (RemoteProcess process = start(RemoteScripts.hashEscaped(), root)) {
      CompletableFuture<String> errors = readText(process.stderr());
      CompletableFuture<Map<String, String>> sums = Background.supply("bt-async", () -> {
        try {
          return HashLines.parseRelative(process.stdout());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      writeNulList(process.stdin(), paths.stream().map(path -> "./" + path).toList());
      Map<String, String> result = sums.join();
      check(process, errors.join(), "hashing files in " + describe());
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public FileChecksums checksums(boolean followLinks, Checksum checksum) throws IOException {
    RemoteProcess process = start(RemoteScripts.hashEverythingSorted(), root, RemoteScripts.findFollow(followLinks),
        checksum.optionValue());
    Drained drained = drain(process, "hashing files in " + describe());
    try {
      process.stdin().close();
      return new SortedHashes(drained.out(), describe(), drained.completion());
    } catch (RuntimeException | IOException e) {
      drained.completion().complete(true); // the script's own error comes first
      throw e;
    }
  }

  /**
   * The SHA-256 of the given files (in {@link PathOrder}, none whose name needs sha256sum's escapes), all taken
   * before this returns, by two processes at once ({@link TwoWayHashes}: both cores, about half of the bytes each),
   * and then read in order: nothing is held but the line at hand. Each process's list is written on a thread of its
   * own and its answer drained to disk as it comes. Taken first and not while a pull's tar streams: JSch delivers
   * every channel's data on one thread, which stops while a channel's pipe is full, so waiting for a hash line with
   * the tar's pipe full would wait for ever. A file that went away or cannot be read fails here, before the tar.
   */
  public FileChecksums hashesInOrder(Iterable<Entry> files) throws IOException {
    RemoteProcess[] processes = new RemoteProcess[2];
    Drained[] drained = new Drained[2];
    boolean handedOn = false;
    try {
      for (int half = 0; half < 2; half++) {
        int mine = half;
        RemoteProcess process = start(RemoteScripts.hashListed(), root);
        processes[half] = process;
        drained[half] = drain(process, "hashing files in " + describe());
        Background.run("bt-request", () -> {
          TwoWayHashes.Split split = new TwoWayHashes.Split();
          try {
            writeNulList(process.stdin(), () -> java.util.stream.StreamSupport.stream(files.spliterator(), false)
                .filter(file -> split.next(file) == mine).map(file -> "./" + file.path()).iterator());
          } catch (IOException e) {
            // the script stopped reading: its exit status and message are checked below
          }
        });
      }
      for (int half = 0; half < 2; half++) {
        if (processes[half].waitFor(LONG) != 0) {
          drained[half].completion().complete(true); // throws the far side's error
        }
      }
      FileChecksums first = new SortedHashes(drained[0].out(), describe(), drained[0].completion());
      FileChecksums second;
      try {
        second = new SortedHashes(drained[1].out(), describe(), drained[1].completion());
      } catch (IOException | RuntimeException e) {
        first.close();
        throw e;
      }
      handedOn = true;
      return new TwoWayHashes(files, first, second);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing files in " + describe(), e);
    } finally {
      if (!handedOn) {
        stopAll(processes, drained);
      }
    }
  }

  /** Stops what a failed {@link #hashesInOrder} started; the first failure is the one reported. */
  private static void stopAll(RemoteProcess[] processes, Drained[] drained) {
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

  @Override
  public void delete(Iterable<String> paths) throws IOException {
    if (!paths.iterator().hasNext()) {
      return;
    }
    for (String path : paths) {
      RelativePaths.requireSafe(path, "the deletion list");
    }
    try (RemoteProcess process = start(RemoteScripts.delete(), root)) {
      CompletableFuture<String> errors = readText(process.stderr());
      CompletableFuture<String> out = readText(process.stdout());
      writeNulList(process.stdin(), paths);
      out.join();
      check(process, errors.join(), "deleting in " + describe());
    }
  }

  /** Starts the receiving end of one push batch; the caller writes the tar stream to its stdin. */
  public RemoteProcess startReceive(String stagingName, long rootMtime) {
    return start(RemoteScripts.receiveBatch(), root, stagingName, Long.toString(rootMtime));
  }

  /** Starts a tar of exactly {@code paths} (written to its stdin by the caller) on the far side. */
  public RemoteProcess startSendTar(boolean followLinks) {
    return start(RemoteScripts.sendTar(followLinks), root);
  }

  private RemoteProcess start(String script, String... args) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    command.addAll(List.of(args));
    return connection().start(command);
  }

  /** Writes NUL-terminated paths and closes the stream (EOF for the remote reader). */
  public static void writeNulList(OutputStream stdin, Iterable<String> paths) throws IOException {
    try (OutputStream out = new BufferedOutputStream(stdin, 64 * 1024)) {
      for (String path : paths) {
        out.write(path.getBytes(StandardCharsets.UTF_8));
        out.write(0);
      }
    }
  }

  /** Waits for the exit status; a non-zero one becomes a one-line error with the remote message. */
  public void check(RemoteProcess process, String stderr, String what) throws IOException {
    int status;
    try {
      status = process.waitFor(LONG);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what, e);
    }
    if (status == 0) {
      return;
    }
    String message = stderr.strip().replace('\n', ';');
    if (status == 3) {
      throw ToolException.badInput(message.isEmpty() ? what + " failed" : message);
    }
    throw ToolException.environment(what + " failed on " + target.display() + " (exit " + status + ")"
        + (message.isEmpty() ? "" : ": " + message));
  }

  public static CompletableFuture<String> readText(InputStream in) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try (in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int count;
        while ((count = in.read(buffer)) >= 0) {
          if (bytes.size() < 64 * 1024) {
            bytes.write(buffer, 0, count);
          }
        }
        text.complete(bytes.toString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.complete("");
      }
    }, "remote-stderr");
    thread.setDaemon(true);
    thread.start();
    return text;
  }
}
