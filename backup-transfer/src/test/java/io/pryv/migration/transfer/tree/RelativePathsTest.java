package io.pryv.migration.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelativePathsTest {

  @Test
  void refusesPathsThatLeaveTheFolder() {
    for (String bad :
        new String[] {
          "/etc/passwd",
          "..",
          "../x",
          "a/../../x",
          "a//b",
          "./a",
          "a/",
          "a\0b",
          ".",
          "a/.",
          "a/./b",
          "/",
          "a/..",
          "x/../"
        }) {
      assertFalse(RelativePaths.isSafe(bad), bad);
    }
    for (String good :
        new String[] {"", "a", "a/b c/d", "..hidden", "a/...", "-rf", "é/ü", ".a/b.", "a/.b/..c"}) {
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
}
