package io.pryv.migration.transfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the pairs of a call may run side by side, and how many at once. */
class PairsAtOnceTest {

  private static List<Location> locations(String... arguments) {
    return Arrays.stream(arguments).map(Location::parse).toList();
  }

  private static int atOnce(boolean progressShown, String... arguments) {
    return PairsAtOnce.of(BackupTransferOptionsParser.parse(arguments), progressShown);
  }

  @Test
  void theMigrationsFoldersRunSideBySideAtMostFourAtOnce() {
    String[] window = {
      "push",
      "/var/pryv/config-follower",
      "u@h:/var/pryv/config-follower",
      "/var/pryv/pryv/mongodb/backup",
      "u@h:/var/pryv/pryv/mongodb/backup",
      "/var/pryv/pryv/influxdb/backup",
      "u@h:/var/pryv/pryv/influxdb/backup",
      "/var/pryv/pryv/core/data",
      "u@h:/var/pryv/pryv/core/data",
      "/var/pryv/extra",
      "u@h:/var/pryv/extra"
    };
    assertEquals(4, atOnce(false, window));
    assertEquals(1, atOnce(true, window), "a progress bar: one pair at a time");
    assertEquals(2, atOnce(false, "push", "/a", "u@h:/x", "/b", "u@h:/y"));
    assertEquals(1, atOnce(false, "push", "/a", "u@h:/x"));
  }

  @Test
  void theSwitchTurnsItOff() {
    String property = "pryv.migration.fastPath.off";
    System.setProperty(property, "pairs-side-by-side");
    try {
      assertEquals(1, atOnce(false, "push", "/a", "u@h:/x", "/b", "u@h:/y"));
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void destinationsThatOverlapAnotherFolderOfTheCallRunInOrder() {
    assertTrue(PairsAtOnce.foldersOverlap(locations("/a", "u@h:/x", "/b", "u@h:/x/sub")));
    assertTrue(PairsAtOnce.foldersOverlap(locations("/a", "u@h:/x/", "/b", "u@h:/x/./")));
    assertTrue(
        PairsAtOnce.foldersOverlap(locations("/a", "u@h:/x", "/b", "u@h:backup")),
        "a relative folder may be anywhere");
    assertTrue(PairsAtOnce.foldersOverlap(locations("/a", "u@h:~", "/b", "u@h:~/backup")));
    assertTrue(
        PairsAtOnce.foldersOverlap(locations("/a", "/b/c", "/b", "/d")), "copy into a source");
    assertFalse(PairsAtOnce.foldersOverlap(locations("/a", "u@h:/x", "/a", "u@h:/y")));
    assertFalse(
        PairsAtOnce.foldersOverlap(locations("/a", "u@h:/x", "/b", "u@k:/x")), "other machines");
    assertFalse(PairsAtOnce.foldersOverlap(locations("/x", "u@h:/y", "/y", "u@h:/x2")));
    assertEquals(
        1, atOnce(false, "push", "/a", "u@h:/x", "/b", "u@h:/x/sub"), "a push of overlapping ones");
    assertEquals(
        2, atOnce(false, "check", "/a", "u@h:/x", "/b", "u@h:/x/sub"), "check writes nothing");
  }
}
