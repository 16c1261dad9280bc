package io.pryv.migration.verify.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.verify.snapshot.Item;
import io.pryv.migration.verify.snapshot.Scope;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Joins the expected and the found items of one account, bucket by bucket, and records every
 * difference.
 */
final class AccountComparison {
  private static final int SORT_LIMIT = 200_000;
  private final ObjectMapper mapper = PryvJson.mapper();
  private final AccountReport report;
  private final Scope scope;
  private final boolean compareAccesses;
  private final String source;
  private final Path against;
  private final java.util.Set<String> unsettledSeries;
  private BufferedWriter differences;
  private long count;
  private long alreadyNotIntact;
  private long unreadableOnBoth;
  private long unreadableOnSource;
  private long declaredOnly;

  AccountComparison(
      AccountReport report,
      Scope scope,
      boolean compareAccesses,
      String source,
      Path against,
      java.util.Set<String> unsettledSeries) {
    this.unsettledSeries = unsettledSeries;
    this.report = report;
    this.scope = scope;
    this.compareAccesses = compareAccesses;
    this.source = source;
    this.against = against;
  }

  void run(BucketSpill expected, BucketSpill found) throws IOException {
    try (BufferedWriter out =
        Files.newBufferedWriter(report.differencesFile(), StandardCharsets.UTF_8)) {
      differences = out;
      for (int bucket = 0; bucket < BucketSpill.BUCKETS; bucket++) {
        joinBucket(expected, found, bucket);
      }
    }
    report.differenceCount(count);
    if (alreadyNotIntact > 0) {
      report.note(
          "integrity",
          alreadyNotIntact
              + " item(s) did not match their declared integrity on the source"
              + " already (the "
              + source
              + " recorded it); dest holds them unchanged");
    }
    if (unreadableOnBoth > 0) {
      report.note(
          "unreadable",
          unreadableOnBoth
              + " attachment(s) or series could not be read on the source"
              + " either (the "
              + source
              + " recorded why); dest answers the same");
    }
    if (unreadableOnSource > 0) {
      report.note(
          "unreadableOnSource",
          unreadableOnSource
              + " attachment(s) or series could not be read on the"
              + " source (the "
              + source
              + " recorded why) and are readable on dest: their content was not compared");
    }
    if (declaredOnly > 0) {
      report.note(
          "attachments",
          declaredOnly
              + " attachment(s) compared by their declared integrity only: one"
              + " side was read with --no-attachment-download");
    }
    if (count > 1 && count <= SORT_LIMIT) {
      sortDifferences();
    }
  }

  /** The expected items of one bucket are held, the found ones streamed past them. */
  private void joinBucket(BucketSpill expected, BucketSpill found, int bucket) throws IOException {
    Map<ItemKey, Match> matches = new LinkedHashMap<>();
    expected.readBucket(
        bucket,
        item -> {
          if (!relevant(item)) {
            return;
          }
          if (matches.putIfAbsent(ItemKey.of(item), new Match(item)) != null) {
            throw ToolException.badInput(
                against
                    + ": account '"
                    + report.user()
                    + "': "
                    + item.kind()
                    + " "
                    + item.id()
                    + " is recorded twice (was the account written to while it was recorded?); record it again");
          }
          report.row(item.kind()).expected++;
        });
    found.readBucket(
        bucket,
        item -> {
          if (!relevant(item)) {
            return;
          }
          ItemKey key = ItemKey.of(item);
          Match match = matches.get(key);
          if (match == null) {
            if (!scope.covers(item)) {
              return;
            }
            match = new Match(null);
            matches.put(key, match);
          }
          if (match.found) {
            throw ToolException.environment(
                "account '"
                    + report.user()
                    + "': "
                    + item.kind()
                    + " "
                    + item.id()
                    + " came back twice while reading dest (was it changed during the check?); run the check again");
          }
          match.found = true;
          report.row(item.kind()).found++;
          if (match.expected == null) {
            extra(item);
          } else {
            compare(match.expected, item);
          }
        });
    for (Match match : matches.values()) {
      if (match.expected != null && !match.found) {
        report.row(match.expected.kind()).missing++;
        add("missing", match.expected, describe(match.expected) + " not on dest");
      }
    }
  }

  /**
   * One key of a bucket: the expected item (null for an extra one) and whether dest returned it.
   */
  private static final class Match {
    final Item expected;
    boolean found;

    Match(Item expected) {
      this.expected = expected;
    }
  }

  private boolean relevant(Item item) {
    return compareAccesses || !item.kind().equals("access");
  }

  private void compare(Item want, Item got) {
    String kind = want.kind();
    String message = null;
    String type = "changed";
    // A change that kept the old declared integrity is tampering or a broken copy, not a later edit
    // on dest.
    String notIntact =
        Boolean.FALSE.equals(got.intact()) ? "; not intact: dest declares " + got.integrity() : "";
    if (!want.state().equals(got.state())) {
      message = describe(want) + " expected " + want.state() + ", found " + got.state();
    } else if (kind.equals("attachment") || kind.equals("series")) {
      if (got.hash() == null) {
        if (want.hash() == null && Objects.equals(want.note(), got.note())) {
          unreadableOnBoth++;
        } else {
          type = "missing";
          message = describe(want) + " listed on dest but " + stripName(got.note());
        }
      } else if (want.hash() == null) {
        // unreadable on the source, readable now: nothing recorded to compare the bytes with
        unreadableOnSource++;
      } else if (kind.equals("attachment") && (want.size() == null) != (got.size() == null)) {
        message = compareDeclared(want, got);
      } else if (!Objects.equals(want.size(), got.size())) {
        message =
            kind.equals("series")
                ? "expected " + want.size() + " points, found " + got.size() + " points"
                : describe(want)
                    + " expected "
                    + want.size()
                    + " bytes, found "
                    + got.size()
                    + " bytes"
                    + notIntact;
      } else if (!want.hash().equals(got.hash())) {
        message =
            describe(want)
                + (kind.equals("series")
                    ? " points differ (" + got.size() + " points)"
                    : " bytes differ")
                + ": expected "
                + want.hash()
                + ", found "
                + got.hash()
                + notIntact;
      } else if (Boolean.FALSE.equals(got.intact())) {
        message =
            knownNotIntact(want, got)
                ? null
                : describe(want)
                    + " bytes on dest do not match the declared integrity "
                    + got.integrity();
      }
    } else if (!Objects.equals(want.hash(), got.hash())) {
      message =
          describe(want)
              + (kind.equals("event") ? " content differs" : " properties differ")
              + ": expected "
              + want.hash()
              + ", found "
              + got.hash()
              + notIntact;
    } else if (Boolean.FALSE.equals(got.intact())) {
      message =
          knownNotIntact(want, got)
              ? null
              : describe(want)
                  + " dest declares integrity "
                  + got.integrity()
                  + " but its content hashes to "
                  + got.hash();
    }
    if (message != null && kind.equals("event") && unsettledSeries.contains(want.id())) {
      message +=
          " (recorded before the core rewrote this series event, as the "
              + source
              + " warned: it may"
              + " have changed by itself; record again with a longer --settle)";
    }
    if (message != null) {
      if (type.equals("missing")) {
        report.row(kind).missing++;
      } else {
        report.row(kind).changed++;
      }
      add(type, want, message);
    }
  }

  /**
   * The item did not match its declared integrity on the source already, and dest holds it the same
   * (same content, same declared integrity): recorded on the source, so a note and not a
   * difference.
   */
  private boolean knownNotIntact(Item want, Item got) {
    if (Boolean.FALSE.equals(want.intact()) && Objects.equals(want.integrity(), got.integrity())) {
      alreadyNotIntact++;
      return true;
    }
    return false;
  }

  /**
   * One side has the attachment's bytes and the other only its declared integrity: the declared
   * integrities are compared, and the downloaded side's bytes against its own declaration.
   */
  private String compareDeclared(Item want, Item got) {
    declaredOnly++;
    if (!Objects.equals(want.integrity(), got.integrity())) {
      return describe(want)
          + " declared integrity differs: expected "
          + want.integrity()
          + ", found "
          + got.integrity();
    }
    if (Boolean.FALSE.equals(got.intact())) {
      return describe(want)
          + " bytes on dest do not match the declared integrity "
          + got.integrity();
    }
    if (Boolean.FALSE.equals(want.intact())) {
      alreadyNotIntact++; // the source's bytes did not match; dest's were not downloaded
    }
    return null;
  }

  private void extra(Item item) {
    report.row(item.kind()).extra++;
    add("extra", item, describe(item) + " " + item.state() + " on dest, not in the " + source);
  }

  private static String describe(Item item) {
    String note = item.note();
    if (note == null || note.isEmpty()) {
      return "(" + item.kind() + ")";
    }
    int semicolon = note.indexOf("; ");
    return "(" + (semicolon < 0 ? note : note.substring(0, semicolon)) + ")";
  }

  private static String stripName(String note) {
    if (note == null) {
      return "";
    }
    int semicolon = note.indexOf("; ");
    return semicolon < 0 ? note : note.substring(semicolon + 2);
  }

  private void add(String type, Item item, String message) {
    try {
      differences.write(
          mapper.writeValueAsString(new Difference(type, item.kind(), item.id(), message)));
      differences.write('\n');
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void sortDifferences() throws IOException {
    List<Difference> all = new ArrayList<>();
    for (String line : Files.readAllLines(report.differencesFile(), StandardCharsets.UTF_8)) {
      all.add(mapper.readValue(line, Difference.class));
    }
    List<String> order = List.of(AccountReport.KINDS);
    all.sort(
        Comparator.comparingInt((Difference d) -> order.indexOf(d.kind()))
            .thenComparing(Difference::id)
            .thenComparing(Difference::type));
    try (BufferedWriter out =
        Files.newBufferedWriter(report.differencesFile(), StandardCharsets.UTF_8)) {
      for (Difference difference : all) {
        out.write(mapper.writeValueAsString(difference));
        out.write('\n');
      }
    }
  }
}
