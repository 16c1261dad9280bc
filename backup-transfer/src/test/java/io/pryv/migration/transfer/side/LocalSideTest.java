package io.pryv.migration.transfer.side;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pryv.migration.transfer.tree.Entry;
import io.pryv.migration.transfer.tree.LocalScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSideTest {
  @TempDir
  Path dir;

  @Test
  void followingLinksSkipsALoopAndADanglingLinkButListsTheRest() throws Exception {
    Files.createDirectories(dir.resolve("d"));
    Files.writeString(dir.resolve("d/f"), "x");
    Files.createSymbolicLink(dir.resolve("d/up"), Path.of(".."));
    Files.createSymbolicLink(dir.resolve("dangling"), Path.of("nowhere"));

    LocalScanner.Result result = new LocalSide(dir).listSource(true);

    assertEquals(Entry.Type.FILE, result.tree().get("d/f").type());
    assertTrue(result.skipped().contains("d/up"), result.skipped().toString());
    assertTrue(result.skipped().contains("dangling"), result.skipped().toString());
  }

  @Test
  void hashesMatchJavaForPlainAndEscapedNames() throws Exception {
    Files.write(dir.resolve("big"), new byte[3 * 1024 * 1024 + 7]);
    Files.writeString(dir.resolve("line\nbreak"), "a\\b", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("-rf été"), "z", StandardCharsets.UTF_8);
    List<Entry> files = new LocalSide(dir).listSource(false).tree().entries().stream().filter(Entry::isFile)
        .toList();

    Map<String, String> hashes = new LocalSide(dir).hashes(files, false);

    assertEquals(3, hashes.size());
    for (Entry file : files) {
      assertEquals(Sha256.of(dir.resolve(file.path())), hashes.get(file.path()), file.path());
    }
  }
}
