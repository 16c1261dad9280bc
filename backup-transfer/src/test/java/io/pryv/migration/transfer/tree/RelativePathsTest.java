package io.pryv.migration.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelativePathsTest {

  @Test
  void refusesPathsThatLeaveTheFolder() {
    for (String bad : new String[] {"/etc/passwd", "..", "../x", "a/../../x", "a//b", "./a", "a/", "a\0b", ".", "a/.", "a/./b",
        "/", "a/..", "x/../"}) {
      assertFalse(RelativePaths.isSafe(bad), bad);
    }
    for (String good : new String[] {"", "a", "a/b c/d", "..hidden", "a/...", "-rf", "é/ü", ".a/b.", "a/.b/..c"}) {
      assertTrue(RelativePaths.isSafe(good), good);
    }
  }

  @Test
  void linksMustStayInside() {
    assertTrue(RelativePaths.linkStaysInside("a/b/link", "../c"));
    assertTrue(RelativePaths.linkStaysInside("link", "a/b"));
    assertFalse(RelativePaths.linkStaysInside("link", "../x"));
    assertFalse(RelativePaths.linkStaysInside("a/link", "../../x"));
    assertFalse(RelativePaths.linkStaysInside("a/link", "/etc"));
  }

  @Test
  void findTimesRoundDownToSeconds() {
    org.junit.jupiter.api.Assertions.assertEquals(1700000000L, FindListing.seconds("1700000000.9999999990"));
    org.junit.jupiter.api.Assertions.assertEquals(-2L, FindListing.seconds("-1.5000000000"));
    org.junit.jupiter.api.Assertions.assertEquals(-1L, FindListing.seconds("-1.0000000000"));
    org.junit.jupiter.api.Assertions.assertEquals(1700000000L, FindListing.seconds("1700000000"));
  }
}
