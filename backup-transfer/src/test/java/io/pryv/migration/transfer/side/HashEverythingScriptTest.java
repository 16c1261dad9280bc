package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.common.integrity.Sha256;
import io.pryv.migration.transfer.tree.PathOrder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The far side's "hash every file" script, run here by sh: every regular file once, with awkward
 * names, across several batches, by cksum (crc32) and by openssl or sha256sum (sha256).
 */
class HashEverythingScriptTest {
  @TempDir Path dir;

  @Test
  void hashesEveryRegularFileWithOpensslAndWithout(@TempDir Path bin) throws Exception {
    Path tree = dir.resolve("tree");
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 2500; i++) { // more than one batch of 2000
      expected.put(write(tree, "d" + i % 13 + "/f" + i, "content " + i), null);
    }
    for (String odd :
        List.of("new\nline", "back\\slash", "carriage\rreturn", "all\\\n\r three", "-rf été")) {
      expected.put(write(tree, "odd/" + odd, odd), null);
      expected.put(write(tree, odd + " dir/inside", odd), null);
    }
    write(tree, ".bt-partial.1/staged", "not yet");
    write(tree, "d1/.bt-partial.file", "not yet");
    Files.createSymbolicLink(tree.resolve("link"), Path.of("d1/f1"));
    Map<String, String> crc = new HashMap<>();
    for (String path : List.copyOf(expected.keySet())) {
      expected.put(path, Sha256.hexOf(tree.resolve(path)));
      // crc32: cksum for plain names, SHA-256 still for the names only sha256sum prints
      // unambiguously
      crc.put(
          path,
          HashLines.needsEscape(path)
              ? Sha256.hexOf(tree.resolve(path))
              : PosixCksum.of(tree.resolve(path)));
    }

    assertEquals(expected, run(tree, "-P", "sha256", null), "with openssl");
    assertEquals(crc, run(tree, "-P", "crc32", null), "with cksum");
    for (String tool :
        List.of("sh", "find", "xargs", "sha256sum", "mktemp", "cat", "rm", "tr", "sort", "split")) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
    }
    assertEquals(expected, run(tree, "-P", "sha256", bin.toString()), "sha256sum only");

    expected.put("link", expected.get("d1/f1")); // -L: a link to a file is hashed as that file
    crc.put("link", crc.get("d1/f1"));
    assertEquals(expected, run(tree, "-L", "sha256", null), "following links");
    assertEquals(
        expected, askInOrder(new LocalSide(tree).checksums(true, Checksum.SHA256), expected));
    assertEquals(crc, askInOrder(new LocalSide(tree).checksums(true, Checksum.CRC32), crc));
    Map<String, String> notThere = new HashMap<>(expected);
    notThere.put("d1/missing", null);
    notThere.put("zzz", null);
    assertEquals(
        notThere,
        askInOrder(new LocalSide(tree).checksums(true, Checksum.SHA256), notThere),
        "files the side does not have: null");
  }

  @Test
  void aFolderNotThereYetHasNoFiles() throws Exception {
    assertEquals(Map.of(), run(dir.resolve("missing"), "-P", "crc32", null));
  }

  @Test
  void aChecksumStreamOutOfOrderIsRefusedNotReadAsMissing() throws Exception {
    String sha = "0".repeat(64);
    String lines = "=\n" + sha + " *./a\n" + sha + " *./c\n" + sha + " *./b\n";
    try (SortedHashes hashes =
        new SortedHashes(
            new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
            "test",
            reachedEnd -> {})) {
      assertEquals(sha, hashes.checksumOf("a"));
      assertEquals(null, hashes.checksumOf("b"), "not known yet: \"c\" comes first");
      io.pryv.migration.common.ToolException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              io.pryv.migration.common.ToolException.class,
              hashes::finish,
              "the rest is read, and its order checked");
      assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
    }
  }

  /** Asks for every key of {@code wanted} in PathOrder, as a comparison does. */
  private static Map<String, String> askInOrder(FileChecksums checksums, Map<String, String> wanted)
      throws Exception {
    Map<String, String> got = new HashMap<>();
    try (checksums) {
      for (String path : wanted.keySet().stream().sorted(PathOrder.PATHS).toList()) {
        got.put(path, checksums.checksumOf(path));
      }
      checksums.finish();
    }
    return got;
  }

  /**
   * Runs the script; checks its shape (names only sha256sum prints unambiguously, a line "=", the
   * rest in PathOrder) and returns every line's checksum by name.
   */
  private static Map<String, String> run(Path folder, String follow, String checksum, String path)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(SideScript.HASH_EVERYTHING.command(folder.toString(), follow, checksum))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    if (path != null) {
      builder.environment().put("PATH", path);
    }
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertEquals(0, process.waitFor());
    String text = new String(out, StandardCharsets.UTF_8);
    int separator = text.startsWith("=\n") ? 0 : text.indexOf("\n=\n") + 1;
    assertTrue(separator == 0 || separator > 1, "a line '=' ends the first part: " + text);
    Map<String, String> odd =
        HashLines.parseRelative(
            new ByteArrayInputStream(
                text.substring(0, separator).getBytes(StandardCharsets.UTF_8)));
    assertTrue(
        odd.keySet().stream().allMatch(HashLines::needsEscape), "first part: " + odd.keySet());
    List<String> names = new ArrayList<>();
    Map<String, String> hashes = new HashMap<>(odd);
    for (String line : text.substring(separator + 2).split("\n")) {
      if (!line.isEmpty()) {
        HashLines.Line parsed =
            HashLines.line(
                line.getBytes(StandardCharsets.UTF_8),
                0,
                line.getBytes(StandardCharsets.UTF_8).length,
                true);
        names.add(parsed.name());
        hashes.put(parsed.name(), parsed.checksum());
      }
    }
    assertEquals(
        names.stream().sorted(PathOrder.PATHS).toList(), names, "second part in PathOrder");
    return hashes;
  }

  private static String write(Path root, String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return path;
  }
}
