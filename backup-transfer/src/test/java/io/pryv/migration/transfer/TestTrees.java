package io.pryv.migration.transfer;

import io.pryv.migration.transfer.cli.BackupTransferTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Random;

/** Builds the awkward trees the tests copy, and runs the tool in-process. */
public final class TestTrees {

  /** A listing read whole: its entries, and the links it left out. */
  public record Listed(io.pryv.migration.transfer.tree.Tree tree, java.util.List<String> skipped) {}

  /** Reads {@code reader} to its end into a tree held in memory, and closes it. */
  public static Listed readAll(io.pryv.migration.transfer.tree.EntryReader reader)
      throws IOException {
    try (reader) {
      java.util.Map<String, io.pryv.migration.transfer.tree.Entry> entries =
          new java.util.HashMap<>();
      for (io.pryv.migration.transfer.tree.Entry entry = reader.next();
          entry != null;
          entry = reader.next()) {
        entries.put(entry.path(), entry);
      }
      return new Listed(
          new io.pryv.migration.transfer.tree.Tree(entries, reader.ownerUid()), reader.skipped());
    }
  }

  private TestTrees() {}

  /**
   * Spaces, unicode, leading dashes, a newline and a backslash in names, empty folders, links,
   * modes.
   */
  public static Path awkward(Path root) throws IOException {
    Files.createDirectories(root.resolve("empty folder/also empty"));
    Files.createDirectories(root.resolve("données/été"));
    Files.writeString(root.resolve("données/été/résumé ünïcødé.txt"), "héllo\n");
    Files.writeString(root.resolve("-rf"), "leading dash\n");
    Files.writeString(root.resolve("--delete"), "two dashes\n");
    Files.writeString(root.resolve("with space.txt"), "space\n");
    Files.writeString(root.resolve("new\nline"), "newline in name\n");
    Files.writeString(root.resolve("back\\slash"), "backslash\n");
    Files.writeString(root.resolve("it's \"quoted\" $(id) `x`;"), "shell metacharacters\n");
    Files.writeString(root.resolve("a".repeat(120) + ".long"), "a long name\n");
    Path script = Files.writeString(root.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    Path secret = Files.writeString(root.resolve("données/secret"), "s3cr3t\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    byte[] big = new byte[3 * 1024 * 1024 + 123];
    new Random(7).nextBytes(big);
    Files.write(root.resolve("données/big.bin"), big);
    Files.write(root.resolve("zero"), new byte[0]);
    Files.createSymbolicLink(root.resolve("link-to-file"), Path.of("with space.txt"));
    Files.createSymbolicLink(root.resolve("link-to-dir"), Path.of("données"));
    Files.setLastModifiedTime(
        root.resolve("with space.txt"), FileTime.fromMillis(1_600_000_000_000L));
    return root;
  }

  /** Flips one byte in place, keeping the size and the mtime: only a content check can see it. */
  public static void corrupt(Path file) throws IOException {
    FileTime mtime = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, mtime);
  }

  /** Exit code, stdout and stderr of one in-process run. */
  public record Run(int exit, String out, String err) {}

  public static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new BackupTransferTool(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(),
                false)
            .run(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
