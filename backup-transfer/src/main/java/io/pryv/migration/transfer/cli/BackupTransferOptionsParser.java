package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.ArgumentText;
import io.pryv.migration.common.CommandLineParsing;
import io.pryv.migration.common.SharedOptions;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.ssh.SshOptions;
import io.pryv.migration.ssh.SshTarget;
import io.pryv.migration.transfer.side.Checksum;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** commons-cli → {@link BackupTransferOptions}; cross-option checks are usage errors (exit 2). */
public final class BackupTransferOptionsParser {
  static final String USAGE = "backup-transfer push|pull|copy|manifest|check [options] ARGS";

  private BackupTransferOptionsParser() {}

  static Options options() {
    Options options = new Options();
    SharedOptions.addTo(options, true);
    SshOptions.addTo(options);
    options.addOption(
        Option.builder("c")
            .longOpt("checksum")
            .desc("compare files by content (see --checksum-choice) instead of size and mtime")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("checksum-choice")
            .hasArg()
            .argName("ALGO")
            .desc(
                "with --checksum: crc32 (cksum's CRC, fast, made to catch accidental change; default) or sha256"
                    + " (cryptographic). Files sent are always checked by SHA-256")
            .get());
    options.addOption(
        Option.builder("z").longOpt("compress").desc("compress the SSH stream (zlib)").get());
    options.addOption(
        Option.builder()
            .longOpt("delete")
            .desc("remove from DEST_DIR what is not in SRC_DIR (only inside DEST_DIR)")
            .get());
    options.addOption(
        Option.builder("L")
            .longOpt("copy-links")
            .desc("follow symbolic links, copy what they point to (default)")
            .get());
    options.addOption(
        Option.builder("l").longOpt("links").desc("copy symbolic links as links").get());
    options.addOption(
        Option.builder("n")
            .longOpt("dry-run")
            .desc("list what would be sent and removed; change nothing")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("progress")
            .desc("show a progress bar on stderr (files, bytes, rate, ETA) when it is a terminal")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("sha256sum")
            .desc("manifest: print sha256sum-compatible lines (HASH  PATH)")
            .get());
    options.addOption(
        Option.builder("o")
            .longOpt("output")
            .hasArg()
            .argName("FILE")
            .desc("manifest: write to FILE instead of stdout")
            .get());
    return options;
  }

  public static BackupTransferOptions parse(String[] args) {
    CommandLine line = CommandLineParsing.parse(options(), args);
    if (line.hasOption("help") || line.hasOption("version")) {
      return BackupTransferOptions.helpOrVersion(line.hasOption("help"), line.hasOption("version"));
    }
    List<String> rest = line.getArgList();
    if (rest.isEmpty()) {
      throw ToolException.usage(
          "a command is required: push, pull, copy, manifest or check (see --help)");
    }
    String word = rest.get(0).toUpperCase(Locale.ROOT);
    if (word.equals("HELP") || word.equals("VERSION")) {
      return BackupTransferOptions.helpOrVersion(word.equals("HELP"), word.equals("VERSION"));
    }
    BackupTransferVerb verb;
    try {
      verb = BackupTransferVerb.valueOf(word);
    } catch (IllegalArgumentException e) {
      throw ToolException.usage(
          "unknown command "
              + ArgumentText.quoted(rest.get(0))
              + ": expected push, pull, copy, manifest or check");
    }
    List<Location> locations = rest.subList(1, rest.size()).stream().map(Location::parse).toList();
    if (verb == BackupTransferVerb.MANIFEST) {
      if (locations.size() != 1) {
        throw ToolException.usage(
            "manifest takes 1 folder argument, got " + locations.size() + " (see --help)");
      }
      require(!locations.get(0).isRemote(), "manifest DIR: a local folder");
    } else {
      // Several SRC DEST pairs in one call share one SSH connection (one handshake for the
      // migration's folders).
      if (locations.size() < 2 || locations.size() % 2 != 0) {
        throw ToolException.usage(
            verb.name().toLowerCase(Locale.ROOT)
                + " takes SRC DEST folder pairs, got "
                + locations.size()
                + " folder argument"
                + (locations.size() == 1 ? "" : "s")
                + " (see --help)");
      }
      for (int i = 0; i < locations.size(); i += 2) {
        requirePair(verb, locations.get(i), locations.get(i + 1));
      }
      List<String> hosts =
          locations.stream()
              .filter(Location::isRemote)
              .map(l -> l.userAtHost().get())
              .distinct()
              .toList();
      require(
          hosts.size() <= 1,
          "several SRC DEST pairs go to one SSH host per call, not to "
              + String.join(" and ", hosts));
    }
    // A malformed user@host is a usage error found here, with the others, not once the run has
    // started.
    locations.stream()
        .filter(Location::isRemote)
        .forEach(remote -> SshTarget.parse(remote.userAtHost().get()));
    if (line.hasOption("links") && line.hasOption("copy-links")) {
      throw ToolException.usage("--links and --copy-links exclude each other");
    }
    boolean transfer = verb.transfers();
    for (String option : List.of("delete", "dry-run", "checksum", "checksum-choice", "progress")) {
      if (!transfer && line.hasOption(option)) {
        throw ToolException.usage("--" + option + " applies to push, pull and copy only");
      }
    }
    if (verb != BackupTransferVerb.MANIFEST
        && (line.hasOption("sha256sum") || line.hasOption("output"))) {
      throw ToolException.usage("--sha256sum and --output apply to manifest only");
    }
    if (line.hasOption("sha256sum") && line.hasOption("json")) {
      throw ToolException.usage("--sha256sum and --json exclude each other");
    }
    Optional<Checksum> checksum = checksum(line);
    SshOptions ssh = SshOptions.from(line);
    return new BackupTransferOptions(
        false,
        false,
        verb,
        locations,
        ssh,
        checksum,
        line.hasOption("compress"),
        line.hasOption("delete"),
        !line.hasOption("links"),
        line.hasOption("dry-run"),
        line.hasOption("json"),
        line.hasOption("progress"),
        line.hasOption("sha256sum"),
        path(line, "output"));
  }

  private static void requirePair(BackupTransferVerb verb, Location source, Location dest) {
    switch (verb) {
      case PUSH ->
          require(
              !source.isRemote() && dest.isRemote(),
              "push SRC_DIR USER@HOST:DEST_DIR: the source is local, the destination remote");
      case PULL ->
          require(
              source.isRemote() && !dest.isRemote(),
              "pull USER@HOST:SRC_DIR DEST_DIR: the source is remote, the destination local");
      case COPY ->
          require(
              !source.isRemote() && !dest.isRemote(),
              "copy SRC_DIR DEST_DIR: both folders are local (use push or pull for SSH)");
      case CHECK ->
          require(!(source.isRemote() && dest.isRemote()), "check: at most one side may be remote");
      default -> {}
    }
  }

  /** Empty without --checksum; --checksum-choice alone is refused rather than silently ignored. */
  private static Optional<Checksum> checksum(CommandLine line) {
    String choice = line.getOptionValue("checksum-choice");
    if (!line.hasOption("checksum")) {
      if (choice != null) {
        throw ToolException.usage("--checksum-choice goes with --checksum");
      }
      return Optional.empty();
    }
    if (choice == null) {
      return Optional.of(Checksum.CRC32);
    }
    return Optional.of(
        Checksum.named(choice)
            .orElseThrow(
                () ->
                    ToolException.usage(
                        "--checksum-choice takes "
                            + Checksum.choices()
                            + ", not '"
                            + choice
                            + "'")));
  }

  private static Optional<Path> path(CommandLine line, String option) {
    return Optional.ofNullable(line.getOptionValue(option)).map(Path::of);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw ToolException.usage(message);
    }
  }
}
