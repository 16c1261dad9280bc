package io.pryv.migration.verify.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pryv.migration.common.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotReaderTest {
  private static final String HEADER =
      "{\"kind\":\"header\",\"format\":\"pryv-verify/1\",\"type\":\"snapshot\"}\n";
  private static final String ACCOUNT = "{\"kind\":\"account\",\"user\":\"alice\"}\n";
  private static final String ITEM =
      "{\"kind\":\"event\",\"id\":\"ck1\",\"state\":\"active\",\"hash\":\"h\","
          + "\"streamIds\":[\"s\"]}\n";

  @TempDir Path directory;

  private List<Item> read(String text) throws Exception {
    Path file = directory.resolve("file.snapshot");
    Files.writeString(file, text);
    List<Item> items = new ArrayList<>();
    SnapshotReader.read(
        file,
        new SnapshotReader.Visitor() {
          @Override
          public ItemSink begin(SnapshotReader.Section section) {
            return items::add;
          }

          @Override
          public void end(SnapshotReader.Section section, SnapshotReader.End end) {}
        });
    return items;
  }

  @Test
  void readsItemsOfEachAccount() throws Exception {
    List<Item> items =
        read(HEADER + ACCOUNT + ITEM + "\n" + ITEM.replace("ck1", "ck2") + "{\"kind\":\"end\"}\n");
    assertEquals(List.of("ck1", "ck2"), items.stream().map(Item::id).toList());
    assertEquals(List.of("s"), items.get(0).streamIds());
  }

  @Test
  void namesTheLineThatIsNotJson() {
    ToolException e =
        assertThrows(
            ToolException.class,
            () -> read(HEADER + ACCOUNT + ITEM + "{\"kind\":\"event\",\"id\":\"ck2\",\"sta"));
    assertEquals(3, e.exitCode().code(), e.getMessage());
    assertEquals(true, e.getMessage().contains("file.snapshot:4: not JSON"), e.getMessage());
  }

  @Test
  void refusesAFileWithoutItsEndLine() {
    ToolException e = assertThrows(ToolException.class, () -> read(HEADER + ACCOUNT + ITEM));
    assertEquals(true, e.getMessage().contains("account 'alice' has no end line"), e.getMessage());
  }

  @Test
  void refusesAFileWithoutHeader() {
    ToolException e = assertThrows(ToolException.class, () -> read(ACCOUNT + ITEM));
    assertEquals(
        true, e.getMessage().contains("file.snapshot:1: not a verify snapshot"), e.getMessage());
  }
}
