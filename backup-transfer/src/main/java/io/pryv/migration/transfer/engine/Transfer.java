package io.pryv.migration.transfer.engine;

import io.pryv.migration.common.FastPath;
import io.pryv.migration.common.ProgressDisplay;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.transfer.plan.Plan;
import io.pryv.migration.transfer.plan.Planner;
import io.pryv.migration.transfer.side.Background;
import io.pryv.migration.transfer.side.Checksum;
import io.pryv.migration.transfer.side.FileChecksums;
import io.pryv.migration.transfer.side.LocalListing;
import io.pryv.migration.transfer.side.LocalSide;
import io.pryv.migration.transfer.side.RemoteSide;
import io.pryv.migration.transfer.side.Side;
import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.EntryReader;
import io.pryv.migration.transfer.tree.ListingDigest;
import io.pryv.migration.transfer.tree.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One push, pull or copy: list both sides, plan, remove, send with end-to-end SHA-256, set folders,
 * report.
 */
public final class Transfer {
  private final Clock clock;
  private final PrintStream progressStream;

  public Transfer(Clock clock, PrintStream progressStream) {
    this.clock = clock;
    this.progressStream = progressStream;
  }

  public TransferReport run(String command, Side source, Side dest, TransferSettings settings)
      throws IOException {
    long start = clock.millis();
    Map<String, Double> phases = new LinkedHashMap<>();
    // A local source is checked before either side is touched (a remote one when listed: the local
    // destination
    // is only created once the source has been listed).
    if (source instanceof LocalSide local) {
      local.requireFolder();
      if (dest instanceof LocalSide target) {
        Overlap.refuse(local.root(), target.root());
      }
    }
    // --checksum: both sides hash every file they have as soon as they can, in the order the
    // comparison will ask
    // for them, while the listings run. A re-run (what --checksum is for) has little else; a first
    // copy into an
    // empty folder hashes the source in vain (844 MB: 0.2 s with crc32, 0.7 s with sha256, on two
    // cores, next to
    // a transfer that takes far longer).
    Checksum checksum = settings.checksum().orElse(null);
    CompletableFuture<FileChecksums> destChecksums =
        checksum == null
            ? null
            : Background.supplyIo(
                "bt-hashes",
                () -> {
                  dest.awaitReady();
                  return dest.checksums(false, checksum);
                });
    CompletableFuture<FileChecksums> sourceChecksums =
        checksum == null
            ? null
            : Background.supplyIo(
                "bt-hashes",
                () -> {
                  source.awaitReady();
                  return source.checksums(settings.followLinks(), checksum);
                });
    // push without --checksum: the far side is handed the digest of this side's sorted listing and
    // answers
    // "same" when its own has that digest; a re-run with nothing to do then parses no listing at
    // all (20,000
    // entries twice, and the JIT compiling that code, were most of its CPU). Otherwise both sides
    // list as usual.
    boolean shortcut =
        checksum == null && source instanceof LocalSide && dest instanceof RemoteSide;
    CompletableFuture<Optional<ListingDigest>> sourceDigest = new CompletableFuture<>();
    CompletableFuture<Boolean> destSame = new CompletableFuture<>();
    CompletableFuture<Optional<EntryReader>> destListing =
        Background.supplyIo(
            "bt-listing",
            () -> {
              source.awaitReady();
              return shortcut
                  ? ((RemoteSide) dest)
                      .prepareDestination(settings.dryRun(), sourceDigest, destSame)
                  : Optional.of(dest.prepareDestination(settings.dryRun()));
            });
    destListing.whenComplete(
        (listing, failure) -> destSame.complete(false)); // never left unanswered
    // A push lists this side while the connection opens (find and sort run in processes of their
    // own, the handshake mostly waits for the far side); a pull or a copy lists once it is open.
    boolean push = source instanceof LocalSide && dest instanceof RemoteSide;
    if (!push) {
      dest.awaitReady();
    }
    // One listing of this side serves both: its digest for the shortcut, then its entries when the
    // far side differs.
    LocalListing sourceListed = null;
    if (shortcut) {
      Optional<ListingDigest> digest = Optional.empty();
      try {
        sourceListed = ((LocalSide) source).listed(settings.followLinks());
        digest = sourceListed.digest();
      } catch (IOException | RuntimeException e) {
        closeQuietly(sourceListed);
        // The far side's listing, started with the connection, is stopped, not left running.
        Background.closeWhenDone(destListing.thenApply(listing -> listing.orElse(null)));
        connectionFailureFirst(dest, e);
        throw e;
      } finally {
        sourceDigest.complete(digest);
      }
      try {
        if (digest.isPresent() && Background.await(destSame)) {
          Background.await(destListing); // the far side's script ended well
          sourceListed.close();
          phases.put("done", (clock.millis() - start) / 1000.0);
          return unchanged(command, source, dest, settings, digest.get(), start, phases);
        }
      } catch (IOException | RuntimeException e) {
        closeQuietly(sourceListed);
        throw e;
      }
    }
    Plan plan;
    boolean keepOwner;
    List<String> skipped;
    try {
      try (EntryReader sourceListing =
              sourceListed != null
                  ? sourceListed.reader()
                  : source.listSorted(settings.followLinks());
          EntryReader destListed = Background.await(destListing).orElseThrow();
          FileChecksums ours = checksum == null ? null : Background.await(sourceChecksums);
          FileChecksums theirs = checksum == null ? null : Background.await(destChecksums);
          // --checksum compares the content of every file: nothing is left out then.
          SharedFiles left =
              checksum == null && FastPath.SHARED_FILES.on()
                  ? SharedFiles.leftOut(sourceListing, destListed)
                  : null) {
        phases.put("listSource", (clock.millis() - start) / 1000.0);
        keepOwner = destListed.ownerUid() == 0;
        Planner.Checksums both =
            checksum == null
                ? null
                : new Planner.Checksums() {
                  @Override
                  public String source(String path) throws IOException {
                    return ours.checksumOf(path);
                  }

                  @Override
                  public String dest(String path) throws IOException {
                    return theirs.checksumOf(path);
                  }
                };
        EntryReader planned = left == null ? sourceListing : left.source();
        plan =
            Planner.plan(
                planned,
                left == null ? destListed : left.dest(),
                new Planner.Settings(settings.delete(), keepOwner, both));
        if (checksum != null) {
          ours.finish();
          theirs.finish();
        }
        if (left != null) {
          plan = plan.withUnchanged(left.files(), left.bytes());
        }
        skipped = planned.skipped();
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(sourceListed); // no effect once its reader took it over
      // Whatever was started and not reached (a listing, a side's checksums) is stopped, not left
      // running.
      Background.closeWhenDone(destListing.thenApply(listing -> listing.orElse(null)));
      Background.closeWhenDone(sourceChecksums);
      Background.closeWhenDone(destChecksums);
      connectionFailureFirst(dest, e);
      throw e;
    }
    phases.put("plan", (clock.millis() - start) / 1000.0);

    // Like rsync after an I/O error: a source entry that could not be read may still have its copy
    // in the
    // destination (a link dangling for a moment), and --delete would remove that copy. Nothing is
    // deleted then.
    Plan.Spooled<String> deletions = skipped.isEmpty() ? plan.delete() : Plan.Spooled.none();
    long verified = 0;
    if (!settings.dryRun()) {
      dest.createDestination();
      dest.delete(deletions);
      try (ProgressDisplay progress =
          new ProgressDisplay(
              progressStream,
              settings.progress(),
              clock,
              command,
              plan.sendFiles(),
              plan.sendBytes())) {
        verified = send(source, dest, plan, keepOwner, settings, progress);
      }
      if (verified != plan.sendFiles()) {
        // Every path above throws on a mismatch; a count that does not add up is a bug, not a
        // result to print.
        throw new IllegalStateException(
            "the receiving side verified "
                + verified
                + " files, "
                + plan.sendFiles()
                + " were sent");
      }
    }
    phases.put("done", (clock.millis() - start) / 1000.0);
    double seconds = Math.max(0.001, (clock.millis() - start) / 1000.0);
    long bytes = settings.dryRun() ? 0 : plan.sendBytes();
    Plan.Counts counts = plan.counts();
    return new TransferReport(
        command,
        source.describe(),
        dest.describe(),
        settings.dryRun(),
        settings.checksum().map(Checksum::comparison).orElse("size+mtime"),
        counts.sourceFiles(),
        counts.sourceBytes(),
        counts.sendFiles(),
        counts.sendBytes(),
        counts.sendLinks(),
        counts.unchangedFiles(),
        plan.dirs().size(),
        deletions,
        plan.send().map(Entry::path),
        skipped,
        new TransferReport.Verification(
            "sha256", verified, settings.dryRun() ? "not run (dry run)" : "ok"),
        seconds,
        bytes / 1048576.0 / seconds,
        phases);
  }

  /**
   * The report of a push whose two sides' listings have the same digest: nothing sent, removed or
   * set.
   */
  private TransferReport unchanged(
      String command,
      Side source,
      Side dest,
      TransferSettings settings,
      ListingDigest digest,
      long start,
      Map<String, Double> phases) {
    double seconds = Math.max(0.001, (clock.millis() - start) / 1000.0);
    return new TransferReport(
        command,
        source.describe(),
        dest.describe(),
        settings.dryRun(),
        "size+mtime",
        digest.files(),
        digest.bytes(),
        0,
        0,
        0,
        digest.files(),
        0,
        Plan.Spooled.none(),
        Plan.Spooled.none(),
        List.of(),
        new TransferReport.Verification(
            "sha256", 0, settings.dryRun() ? "not run (dry run)" : "ok"),
        seconds,
        0,
        phases);
  }

  private static long send(
      Side source,
      Side dest,
      Plan plan,
      boolean keepOwner,
      TransferSettings settings,
      ProgressDisplay progress)
      throws IOException {
    if (source instanceof LocalSide local && dest instanceof RemoteSide remote) {
      return new PushSender(local.root(), remote, progress).send(plan);
    }
    if (dest instanceof LocalSide local) {
      LocalReceiver receiver =
          new LocalReceiver(
              local.root(), keepOwner, source instanceof RemoteSide, progress, runId());
      long verified;
      if (source instanceof RemoteSide remote) {
        verified = PullReceiver.receive(remote, plan.send(), receiver, settings.followLinks());
      } else {
        verified = copyLocal(((LocalSide) source), plan, receiver);
      }
      receiver.stampDirs(plan.dirs());
      return verified;
    }
    throw ToolException.usage(
        "one side must be local: copying between two remote hosts is not supported");
  }

  private static long copyLocal(LocalSide source, Plan plan, LocalReceiver receiver)
      throws IOException {
    long verified = 0;
    for (Entry item : plan.send()) {
      if (item.isSymlink()) {
        receiver.receiveLink(item);
        continue;
      }
      MessageDigest digest = Sha256.newDigest();
      try (InputStream in =
          new DigestInputStream(Files.newInputStream(source.root().resolve(item.path())), digest)) {
        receiver.receiveFile(item, in, () -> Sha256.hex(digest.digest()), true);
      }
      verified++;
    }
    return verified;
  }

  /**
   * When this side's listing failed while the connection was opening, a connection that failed too
   * is what the user hears of (host unreachable, key refused), as when the listing waited for it.
   */
  private static void connectionFailureFirst(Side dest, Exception failure) {
    try {
      dest.awaitReady();
    } catch (RuntimeException connection) {
      if (connection != failure) {
        connection.addSuppressed(failure);
      }
      throw connection;
    }
  }

  private static void closeQuietly(LocalListing listing) {
    if (listing != null) {
      listing.close();
    }
  }

  private static String runId() {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
