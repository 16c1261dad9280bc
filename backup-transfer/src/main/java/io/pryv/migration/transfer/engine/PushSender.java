package io.pryv.migration.transfer.engine;

import io.pryv.migration.common.Futures;
import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.CryptoWarmUp;
import io.pryv.migration.ssh.RemoteProcess;
import io.pryv.migration.transfer.plan.Plan;
import io.pryv.migration.transfer.side.RemoteShell;
import io.pryv.migration.transfer.side.RemoteSide;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.PathOrder;
import io.pryv.migration.transfer.tree.RelativePaths;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a plan's files to the far side, batch by batch, each batch one tar stream on its own
 * channel of the one SSH session. While the far side checks and commits one batch, the next one is
 * already streaming.
 */
final class PushSender {
  private static final int IN_FLIGHT = 2;

  private final Path sourceRoot;
  private final RemoteSide dest;
  private final ProgressDisplay progress;
  private final String runId;

  PushSender(Path sourceRoot, RemoteSide dest, ProgressDisplay progress) {
    this.sourceRoot = sourceRoot;
    this.dest = dest;
    this.progress = progress;
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    this.runId = HexFormat.of().formatHex(random);
  }

  /** Returns the number of files verified on the far side. */
  int send(Plan plan) throws IOException {
    Deque<CompletableFuture<Integer>> inFlight = new ArrayDeque<>();
    int verified = 0;
    int index = 0;
    long rootMtime = plan.sourceRoot().mtime();
    if (dest.connection().encryptsInThisProcess()) {
      CryptoWarmUp.beforeBulk(plan.sendBytes(), true);
    }
    try {
      BatchCutter sends = new BatchCutter(plan.sendRecords(), false);
      BatchCutter stamps = new BatchCutter(plan.dirRecords(), true);
      List<BatchCutter.Batch> firstSends = take(sends, 2);
      List<BatchCutter.Batch> firstStamps = take(stamps, 2);
      if (firstSends.size() == 1 && firstStamps.size() == 1) {
        // The whole plan is one batch (a re-run after a small change): its commit sets the folders
        // too (cp -a sets
        // a folder's mode and times once its files are linked in), instead of one more batch,
        // channel and script
        // run after it.
        BatchCutter.Batch batch = firstSends.get(0);
        return Futures.join(
            start(
                index,
                batch.items(),
                withFolders(batch.dirs(), firstStamps.get(0).dirs()),
                rootMtime));
      }
      for (BatchCutter.Batch batch : (Iterable<BatchCutter.Batch>) () -> rest(firstSends, sends)) {
        if (inFlight.size() >= IN_FLIGHT) {
          verified += Futures.join(inFlight.removeFirst());
        }
        inFlight.add(start(index++, batch.items(), batch.dirs(), rootMtime));
      }
      while (!inFlight.isEmpty()) {
        verified += Futures.join(inFlight.removeFirst());
      }
      // Folder modes and times last, once every batch has committed (a commit changes its folders'
      // mtime). Anything
      // sent or removed makes its folder one to set, so there is such a batch whenever anything was
      // committed.
      for (BatchCutter.Batch batch :
          (Iterable<BatchCutter.Batch>) () -> rest(firstStamps, stamps)) {
        verified += Futures.join(start(index++, List.of(), batch.dirs(), rootMtime));
      }
      return verified;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      inFlight.forEach(batch -> batch.cancel(true));
    }
  }

  /** Up to {@code count} batches of {@code cutter}. */
  private static List<BatchCutter.Batch> take(BatchCutter cutter, int count) {
    List<BatchCutter.Batch> batches = new ArrayList<>();
    while (batches.size() < count) {
      BatchCutter.Batch batch = cutter.next();
      if (batch == null) {
        break;
      }
      batches.add(batch);
    }
    return batches;
  }

  /** The batches already cut, then the rest of {@code cutter}'s. */
  private static Iterator<BatchCutter.Batch> rest(List<BatchCutter.Batch> cut, BatchCutter cutter) {
    Iterator<BatchCutter.Batch> first = cut.iterator();
    return new Iterator<>() {
      private BatchCutter.Batch next = advance();

      private BatchCutter.Batch advance() {
        return first.hasNext() ? first.next() : cutter.next();
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public BatchCutter.Batch next() {
        if (next == null) {
          throw new java.util.NoSuchElementException();
        }
        BatchCutter.Batch current = next;
        next = advance();
        return current;
      }
    };
  }

  /** A batch's folders plus the folders to set, each once, parents first. */
  static List<Entry> withFolders(List<Entry> batchDirs, List<Entry> toSet) {
    Map<String, Entry> byPath = new TreeMap<>(PathOrder::compare);
    batchDirs.forEach(dir -> byPath.put(dir.path(), dir));
    toSet.forEach(dir -> byPath.put(dir.path(), dir));
    return new ArrayList<>(byPath.values());
  }

  /** Streams one batch and returns the far side's verdict, still pending. */
  private CompletableFuture<Integer> start(
      int index, List<Entry> items, List<Entry> dirs, long rootMtime)
      throws IOException, InterruptedException {
    RemoteProcess process =
        dest.startReceive(RelativePaths.PARTIAL_PREFIX + runId + "-" + index, rootMtime);
    CompletableFuture<String> errors = RemoteShell.readText(process.stderr());
    CompletableFuture<String> out = RemoteShell.readText(process.stdout());
    int files;
    try (OutputStream stdin = new BufferedOutputStream(process.stdin(), 256 * 1024)) {
      files = new TarBatchWriter(sourceRoot, progress).write(stdin, dirs, items);
    } catch (IOException e) {
      // The far side stopped reading: its own message says why (disk full, ...).
      process.waitFor(java.time.Duration.ofSeconds(30));
      throw failure(process, errors.join(), e);
    }
    return io.pryv.migration.transfer.side.Background.supply(
        "bt-async",
        () -> {
          try {
            String confirmation = out.join();
            dest.check(process, explain(errors.join()), "receiving a batch in " + dest.describe());
            return confirmed(confirmation, files, dest.describe());
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          } finally {
            process.close();
          }
        });
  }

  /**
   * The far side's count of files whose SHA-256 it checked before the commit ({@code verified N},
   * the receive script's last line); anything but the number of files sent in the batch is an
   * error.
   */
  static int confirmed(String stdout, int sent, String where) {
    java.util.regex.Matcher line =
        java.util.regex.Pattern.compile("(?m)^verified (\\d+)$").matcher(stdout);
    if (!line.find()) {
      throw ToolException.environment(
          where
              + " did not confirm the SHA-256 check of a batch"
              + " (expected \"verified "
              + sent
              + "\", got \""
              + stdout.strip()
              + "\")");
    }
    int verified = Integer.parseInt(line.group(1));
    if (verified != sent) {
      throw ToolException.environment(
          where
              + " verified the SHA-256 of "
              + verified
              + " files of a batch of "
              + sent
              + "; run again, then check");
    }
    return verified;
  }

  private ToolException failure(RemoteProcess process, String stderr, IOException cause) {
    String message = explain(stderr).strip().replace('\n', ';');
    return ToolException.environment(
        "sending to "
            + dest.describe()
            + " failed"
            + (message.isEmpty() ? ": " + cause.getMessage() : ": " + message),
        cause);
  }

  /** The far side's messages, with the cause spelled out for the usual ones. */
  static String explain(String stderr) {
    if (stderr.contains("No space left on device")) {
      return "destination disk is full (nothing incomplete was left under a final name): "
          + firstLine(stderr);
    }
    if (stderr.contains("FAILED") && stderr.contains("sha256sum")) {
      return "SHA-256 mismatch after transfer, nothing of this batch was committed: "
          + firstLine(stderr);
    }
    return stderr;
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline);
  }
}
